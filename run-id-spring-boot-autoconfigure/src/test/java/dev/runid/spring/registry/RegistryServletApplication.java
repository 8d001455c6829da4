package dev.runid.spring.registry;

import java.util.concurrent.Callable;

import dev.runid.RunContext;
import dev.runid.spring.NewRun;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC application whose runs the registry tests look up, started on a random
 * port.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ RegistryServletApplication.OrderController.class, RegistryServletApplication.AuditService.class })
public class RegistryServletApplication {

	@RestController
	static class OrderController {

		private final AuditService audit;

		OrderController(AuditService audit) {
			this.audit = audit;
		}

		@GetMapping("/orders/{id}")
		String order(@PathVariable String id, @RequestParam(defaultValue = "false") boolean audit) {
			RunContext.setAttribute("order", id);
			if (audit) {
				this.audit.audit(id);
			}
			return "order " + id;
		}

		@GetMapping("/boom")
		String boom() {
			throw new IllegalStateException("bad\nthing\u0007 happened");
		}

		@GetMapping("/handled")
		String handled() {
			throw new OrderFailedException("downstream refused order 17");
		}

		@ExceptionHandler
		ResponseEntity<String> orderFailed(OrderFailedException ex) {
			return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body("order failed");
		}

		@GetMapping("/unavailable")
		ResponseEntity<String> unavailable() {
			return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("try later");
		}

		@GetMapping("/attributes")
		String attributes(@RequestParam int count) {
			for (int i = 0; i < count; i++) {
				RunContext.setAttribute("a" + i, (i == 0) ? "v".repeat(3000) : "v" + i);
			}
			return "set " + count;
		}

		@GetMapping("/async/{id}")
		Callable<String> async(@PathVariable String id) {
			return () -> {
				RunContext.setAttribute("async", id);
				return "async " + id;
			};
		}

	}

	static class OrderFailedException extends RuntimeException {

		OrderFailedException(String message) {
			super(message);
		}

	}

	@Service
	static class AuditService {

		@NewRun
		public void audit(String id) {
			RunContext.setAttribute("audited", id);
		}

	}

}

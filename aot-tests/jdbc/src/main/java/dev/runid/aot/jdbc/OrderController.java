package dev.runid.aot.jdbc;

import dev.runid.RunContext;
import dev.runid.RunId;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * An endpoint whose runs add an attribute and start a child run, so that the recorded run
 * has a segment, an attribute and a child.
 */
@RestController
class OrderController {

	private final OrderChecks checks;

	OrderController(OrderChecks checks) {
		this.checks = checks;
	}

	@GetMapping("/orders/{id}")
	String order(@PathVariable String id, RunId runId) {
		RunContext.setAttribute("order", id);
		return runId.value() + " child=" + this.checks.check();
	}

}

package dev.runid.spring.dashboard;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Spring MVC application with the dashboard on; tests add
 * {@link TestRunStore.Configuration} to show fixed runs, or leave the registry's recorder
 * and memory store to record its requests.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import(DashboardMvcApplication.OrderController.class)
class DashboardMvcApplication {

	@RestController
	static class OrderController {

		@GetMapping("/orders/{id}")
		String order(@PathVariable String id) {
			return "order " + id;
		}

	}

}

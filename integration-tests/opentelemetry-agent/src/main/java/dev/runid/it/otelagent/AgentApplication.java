package dev.runid.it.otelagent;

import dev.runid.RunContext;
import dev.runid.RunId;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A web application (Spring MVC or WebFlux, whichever its class path has) with the run-id
 * starter and the OpenTelemetry API, to run with the OpenTelemetry Java agent.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class AgentApplication {

	public static void main(String[] args) {
		SpringApplication.run(AgentApplication.class, args);
	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return RunContext.current().map(RunId::value).orElse("none");
		}

	}

}

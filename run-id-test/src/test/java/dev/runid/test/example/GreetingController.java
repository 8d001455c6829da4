package dev.runid.test.example;

import dev.runid.RunId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A controller that answers with the run of the request and logs in it.
 */
@RestController
class GreetingController {

	private static final Logger logger = LoggerFactory.getLogger(GreetingController.class);

	@GetMapping("/greeting")
	String greeting(RunId runId) {
		logger.info("greeting_sent");
		return "Hello from " + runId.value();
	}

}

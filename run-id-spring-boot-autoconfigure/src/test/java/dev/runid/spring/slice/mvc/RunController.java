package dev.runid.spring.slice.mvc;

import java.util.Map;
import java.util.concurrent.Callable;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.slf4j.MDC;

import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The controller under test.
 */
@RestController
class RunController {

	private final RunNotes notes;

	RunController(RunNotes notes) {
		this.notes = notes;
	}

	@GetMapping("/whoami")
	Map<String, String> whoami(RunId runId) {
		return Map.of("parameter", runId.value(), "current", RunContext.current().map(RunId::value).orElse("none"),
				"mdc", String.valueOf(MDC.get("runId")), "parent", runId.parent().map(RunId::value).orElse("none"));
	}

	@GetMapping("/plain")
	String plain() {
		return RunContext.current().map(RunId::value).orElse("none");
	}

	@GetMapping("/notes")
	String notes() {
		return this.notes.runOfThisInstance();
	}

	@GetMapping("/later")
	Callable<String> later() {
		return () -> RunContext.current().map(RunId::value).orElse("none") + " on " + Thread.currentThread().getName();
	}

	@GetMapping("/conflict")
	String conflict() {
		throw new ErrorResponseException(HttpStatus.CONFLICT);
	}

}

package dev.runid.spring.slice.webflux;

import java.util.Map;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
	Mono<Map<String, String>> whoami(RunId runId) {
		return Mono.just(runId.value())
			.publishOn(Schedulers.boundedElastic())
			.map((parameter) -> Map.of("parameter", parameter, "current",
					RunContext.current().map(RunId::value).orElse("none"), "mdc", String.valueOf(MDC.get("runId")),
					"thread", Thread.currentThread().getName()));
	}

	@GetMapping("/notes")
	Mono<String> notes() {
		return Mono.fromSupplier(this.notes::runOfThisInstance);
	}

	@GetMapping("/boom")
	Mono<String> boom() {
		return Mono.error(new IllegalStateException("boom"));
	}

}

package dev.runid.aot.webflux;

import java.net.URI;
import java.time.Duration;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The endpoints the test calls, one per feature.
 */
@RestController
class RunController {

	private static final Logger logger = LoggerFactory.getLogger(RunController.class);

	private final RunLedger ledger;

	private final RunNotes notes;

	private final RunTasks tasks;

	private final WebClient webClient;

	RunController(RunLedger ledger, RunNotes notes, RunTasks tasks, WebClient.Builder webClient) {
		this.ledger = ledger;
		this.notes = notes;
		this.tasks = tasks;
		this.webClient = webClient.build();
	}

	@GetMapping("/run")
	Mono<String> run(RunId runId) {
		logger.info("handling run");
		this.ledger.record();
		this.notes.add("first");
		return Mono.delay(Duration.ofMillis(5)).publishOn(Schedulers.boundedElastic()).map((tick) -> {
			logger.info("after a thread hop");
			this.notes.add("second");
			return runId.value() + " ledger=" + this.ledger.record() + " notes=" + this.notes.all() + " current="
					+ RunContext.current().map(RunId::value).orElse("none");
		});
	}

	@GetMapping("/child")
	String child() {
		return this.tasks.child();
	}

	@GetMapping("/forward")
	Mono<String> forward(@RequestParam URI to) {
		return this.webClient.get().uri(to).retrieve().bodyToMono(String.class);
	}

	@GetMapping("/traced")
	Mono<String> traced(@RequestParam URI to) {
		return Mono.just(to)
			.publishOn(Schedulers.parallel())
			.flatMap((uri) -> this.webClient.get().uri(uri).retrieve().toBodilessEntity())
			.thenReturn("traced");
	}

}

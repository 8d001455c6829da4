package dev.runid.aot.mvc;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

import dev.runid.RunId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * The endpoints the test calls, one per feature.
 */
@RestController
class RunController {

	private static final Logger logger = LoggerFactory.getLogger(RunController.class);

	private final RunLedger ledger;

	private final RunNotes notes;

	private final RunTasks tasks;

	private final RestClient restClient;

	RunController(RunLedger ledger, RunNotes notes, RunTasks tasks, RestClient.Builder restClient) {
		this.ledger = ledger;
		this.notes = notes;
		this.tasks = tasks;
		this.restClient = restClient.build();
	}

	@GetMapping("/run")
	String run(RunId runId) {
		logger.info("handling run");
		this.ledger.record();
		this.notes.add("first");
		this.notes.add("second");
		return runId.value() + " ledger=" + this.ledger.record() + " notes=" + this.notes.all();
	}

	@GetMapping("/async")
	CompletableFuture<String> async() {
		return this.tasks.inBackground();
	}

	@GetMapping("/child")
	String child() {
		return this.tasks.child();
	}

	@GetMapping("/forward")
	String forward(@RequestParam URI to) {
		return this.restClient.get().uri(to).retrieve().body(String.class);
	}

	@GetMapping("/traced")
	String traced(@RequestParam URI to) {
		this.restClient.get().uri(to).retrieve().toBodilessEntity();
		return "traced";
	}

}

package dev.runid.samples.reactiveagent;

import dev.runid.RunContext;
import dev.runid.RunId;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * {@code POST /agent/runs}: runs the agent on a task and answers with the run ID, with
 * the result or with the error.
 */
@RestController
final class AgentController {

	private final Agent agent;

	AgentController(Agent agent) {
		this.agent = agent;
	}

	/**
	 * Run the agent. The run is the request's: the inbound {@code X-Run-Id} if the caller
	 * sent a valid one, else a new one; run-id resolves the {@link RunId} parameter and
	 * has put the run in the Reactor {@code Context} of the pipeline returned here.
	 * @param request the task
	 * @param runId the run
	 * @return the run ID and the result
	 */
	@PostMapping("/agent/runs")
	Mono<AgentResponse> run(@RequestBody AgentRequest request, RunId runId) {
		if (!StringUtils.hasText(request.user()) || !StringUtils.hasText(request.task())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "user and task must not be blank");
		}
		// recorded with the run (run-id's WebFilter made it current for the handler):
		// GET /actuator/runs/{runId} shows it
		RunContext.setAttribute("user", request.user());
		return this.agent.run(request.user(), request.task()).map((result) -> new AgentResponse(runId.value(), result));
	}

	@ExceptionHandler
	ResponseEntity<AgentError> agentFailed(AgentFailedException ex, RunId runId) {
		return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(new AgentError(runId.value(), ex.getMessage()));
	}

	/**
	 * A task for the agent.
	 *
	 * @param user who asks
	 * @param task what they ask
	 */
	record AgentRequest(@Nullable String user, @Nullable String task) {
	}

	/**
	 * The answer of a run that completed.
	 *
	 * @param runId the run
	 * @param result the agent's result
	 */
	record AgentResponse(String runId, String result) {
	}

	/**
	 * The answer of a run that failed.
	 *
	 * @param runId the run, to search the logs for
	 * @param error what went wrong
	 */
	record AgentError(String runId, @Nullable String error) {
	}

}

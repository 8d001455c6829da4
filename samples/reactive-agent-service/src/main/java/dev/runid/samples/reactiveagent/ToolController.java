package dev.runid.samples.reactiveagent;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The agent's tools, served over HTTP as another service would serve them. Each logs the
 * run headers it received; run-id's filter has also made that run current here, so the
 * lines carry it in the MDC too. Answers are canned and deterministic.
 */
@RestController
@RequestMapping("/tools")
final class ToolController {

	private static final Logger logger = LoggerFactory.getLogger(ToolController.class);

	@GetMapping("/search")
	String search(@RequestParam String q, @RequestHeader(name = "X-Run-Id", required = false) @Nullable String runId,
			@RequestHeader(name = "X-Parent-Run-Id", required = false) @Nullable String parentRunId) {
		received("search", "q", q, runId, parentRunId);
		return "Top result for '" + q + "': run-id gives every agent run one ID and carries it into every log line, "
				+ "thread and downstream request. Second result: searching logs for one run ID shows the whole run.";
	}

	@GetMapping("/weather")
	String weather(@RequestParam String city,
			@RequestHeader(name = "X-Run-Id", required = false) @Nullable String runId,
			@RequestHeader(name = "X-Parent-Run-Id", required = false) @Nullable String parentRunId) {
		received("weather", "city", city, runId, parentRunId);
		int celsius = 12 + Math.floorMod(city.hashCode(), 15);
		return "Weather in " + city + ": " + celsius + " C and light rain, wind 12 km/h. Tomorrow: sunny.";
	}

	/**
	 * A tool whose provider is down, to show what a failed run looks like.
	 */
	@GetMapping("/stock-price")
	String stockPrice(@RequestParam String symbol,
			@RequestHeader(name = "X-Run-Id", required = false) @Nullable String runId,
			@RequestHeader(name = "X-Parent-Run-Id", required = false) @Nullable String parentRunId) {
		received("stock-price", "symbol", symbol, runId, parentRunId);
		logger.warn("tool_failed tool=stock-price reason=\"market data provider unavailable\"");
		throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "market data provider unavailable");
	}

	private static void received(String tool, String parameter, String value, @Nullable String runId,
			@Nullable String parentRunId) {
		logger.info("tool_request tool={} {}={} X-Run-Id={} X-Parent-Run-Id={}", tool, parameter,
				LogValues.quoted(value, 80), header(runId), header(parentRunId));
	}

	static String header(@Nullable String value) {
		return (value != null) ? LogValues.quoted(value, 128) : "-";
	}

}

package dev.runid.samples.agent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.runid.RunContext;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.ai.tool.annotation.Tool;
import org.springframework.ai.tool.annotation.ToolParam;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * The agent's tools, which the model calls through Spring AI. They run in the run of the
 * conversation (run-id makes it current wherever Spring AI calls them), so their lines
 * carry it. Answers are canned and deterministic.
 */
@Component
final class AgentTools {

	private static final Logger logger = LoggerFactory.getLogger(AgentTools.class);

	private final KafkaTemplate<String, String> kafkaTemplate;

	/**
	 * Create the tools.
	 * @param kafkaTemplate Boot's template, to which run-id adds the run of each record
	 */
	AgentTools(KafkaTemplate<String, String> kafkaTemplate) {
		this.kafkaTemplate = kafkaTemplate;
	}

	@Tool(description = "Current weather and tomorrow's forecast for a city")
	String weather(@ToolParam(description = "the city, for example Paris") String city) {
		logger.info("tool_call tool=weather city={}", LogValues.quoted(city, 80));
		called("weather");
		int celsius = 12 + Math.floorMod(city.hashCode(), 15);
		return "Weather in " + city + ": " + celsius + " C and light rain, wind 12 km/h. Tomorrow: sunny.";
	}

	@Tool(description = "Searches the web and answers with the top results")
	String search(@ToolParam(description = "the search query") String query) {
		logger.info("tool_call tool=search query={}", LogValues.quoted(query, 80));
		called("search");
		return "Top result for '" + query + "': run-id gives every agent run one ID and carries it into every log "
				+ "line, thread and downstream request. Second result: searching logs for one run ID shows the whole run.";
	}

	/**
	 * A slow tool: writing a report takes longer than the caller should wait, so the tool
	 * only queues it on a Kafka topic and answers once the broker has it; the
	 * {@link ReportWriter} writes it. The record carries the run (run-id adds its headers
	 * in {@code KafkaTemplate}), so the writer's lines carry it too.
	 */
	@Tool(description = "Writes a report on a subject; the report is delivered later")
	String report(@ToolParam(description = "the subject of the report") String subject) {
		logger.info("tool_call tool=report subject={}", LogValues.quoted(subject, 80));
		called("report");
		RecordMetadata queued = queue(subject).getRecordMetadata();
		logger.info("report_queued topic={} partition={} offset={}", queued.topic(), queued.partition(),
				queued.offset());
		return "The report on " + subject + " is being written and will be delivered when it is ready.";
	}

	private SendResult<String, String> queue(String subject) {
		try {
			return this.kafkaTemplate.send(ReportWriter.TOPIC, subject).get(10, TimeUnit.SECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("report: could not queue the report", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("report: interrupted while queueing the report", ex);
		}
	}

	/**
	 * A tool whose provider is down, to show what a failed run looks like.
	 */
	@Tool(name = "stock_price", description = "The latest price of a stock")
	String stockPrice(@ToolParam(description = "the ticker symbol, for example ACME") String symbol) {
		logger.info("tool_call tool=stock_price symbol={}", LogValues.quoted(symbol, 20));
		called("stock_price");
		logger.warn("tool_failed tool=stock_price reason=\"market data provider unavailable\"");
		throw new IllegalStateException("stock_price: market data provider unavailable");
	}

	/**
	 * Record the tool with the run, so that its record (the {@code runs} endpoint, the
	 * dashboard) shows which tool the model called.
	 */
	private static void called(String tool) {
		RunContext.setAttribute("tool", tool);
	}

}

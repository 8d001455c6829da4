package dev.runid.samples.agent;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Writes the reports that the {@code report} tool queued: a {@link KafkaListener} that
 * takes each record from the topic {@value #TOPIC} and does the slow work on its consumer
 * thread, while the agent answers or after it has.
 * <p>
 * It never handles a run ID: run-id makes the run in the record's {@code X-Run-Id} header
 * current for the listener call (the MDC of its lines, the run registry) and leaves
 * nothing on the consumer thread afterwards.
 */
@Component
final class ReportWriter {

	/**
	 * The topic of the queued reports.
	 */
	static final String TOPIC = "agent-reports";

	/**
	 * The listener's ID, and its consumer group.
	 */
	static final String LISTENER_ID = "report-writer";

	private static final Logger logger = LoggerFactory.getLogger(ReportWriter.class);

	private final Duration writingTime;

	/**
	 * Create the writer.
	 * @param writingTime how long writing one report takes: a stand-in for the slow work
	 */
	ReportWriter(@Value("${agent.report.writing-time}") Duration writingTime) {
		this.writingTime = writingTime;
	}

	@KafkaListener(id = LISTENER_ID, topics = TOPIC)
	void write(String subject) throws InterruptedException {
		logger.info("report_started subject={}", LogValues.quoted(subject, 80));
		Thread.sleep(this.writingTime.toMillis());
		logger.info("report_completed subject={} took_ms={}", LogValues.quoted(subject, 80),
				this.writingTime.toMillis());
	}

}

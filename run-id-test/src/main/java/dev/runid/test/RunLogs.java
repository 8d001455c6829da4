package dev.runid.test;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.runid.MdcKeys;
import dev.runid.RunContext;
import dev.runid.RunId;
import org.jspecify.annotations.Nullable;

/**
 * The log lines written through Logback during one test, on any thread, each with the run
 * it was written in (the run ID in its MDC): ask for the lines of one run. Made by
 * {@link RunLogsExtension}, which passes it to a test method or lifecycle method that
 * declares a parameter of this type. Thread-safe; each method returns a snapshot in the
 * order the lines were written.
 */
public final class RunLogs {

	private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();

	RunLogs() {
	}

	void add(ILoggingEvent event) {
		MdcKeys keys = RunContext.mdcKeys();
		Map<String, String> mdc = event.getMDCPropertyMap();
		this.lines.add(new Line(mdc.get(keys.runId()), mdc.get(keys.parentRunId()), event.getLevel().toString(),
				event.getLoggerName(), event.getThreadName(), event.getFormattedMessage()));
	}

	/**
	 * The lines written in a run.
	 * @param runId the run ID value
	 * @return the lines whose MDC run ID is that value
	 */
	public List<Line> of(String runId) {
		Objects.requireNonNull(runId, "runId must not be null");
		return this.lines.stream().filter((line) -> runId.equals(line.runId())).toList();
	}

	/**
	 * The lines written in a run.
	 * @param runId the run
	 * @return the lines whose MDC run ID is that run's
	 */
	public List<Line> of(RunId runId) {
		return of(runId.value());
	}

	/**
	 * The messages of the lines written in a run, for short assertions.
	 * @param runId the run ID value
	 * @return the formatted messages of its lines
	 */
	public List<String> messagesOf(String runId) {
		return of(runId).stream().map(Line::message).toList();
	}

	/**
	 * The lines written in the run that is current on the calling thread, for example the
	 * run of a {@link WithRunId} test.
	 * @return the lines of the current run
	 * @throws IllegalStateException if no run is current
	 */
	public List<Line> ofCurrentRun() {
		return of(RunContext.current()
			.orElseThrow(() -> new IllegalStateException("No run is current on " + Thread.currentThread().getName())));
	}

	/**
	 * The lines written in no run.
	 * @return the lines without MDC run ID
	 */
	public List<Line> outsideRuns() {
		return this.lines.stream().filter((line) -> line.runId() == null).toList();
	}

	/**
	 * Every line written since the test started.
	 * @return all lines
	 */
	public List<Line> all() {
		return List.copyOf(this.lines);
	}

	/**
	 * One log line.
	 *
	 * @param runId the run ID in its MDC, if any
	 * @param parentRunId the parent run ID in its MDC, if any
	 * @param level the level, such as {@code INFO}
	 * @param logger the name of the logger
	 * @param thread the name of the thread that wrote it
	 * @param message the formatted message
	 */
	public record Line(@Nullable String runId, @Nullable String parentRunId, String level, String logger, String thread,
			String message) {

	}

}

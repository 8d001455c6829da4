package dev.runid.samples.reactiveagent;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.test.system.CapturedOutput;

/**
 * A console line written with the sample's {@code logging.pattern.console}.
 *
 * @param level the level
 * @param runId the run in the MDC, or {@code -}
 * @param parentRunId the parent run in the MDC, or {@code -}
 * @param thread the name of the thread that logged it
 * @param logger the logger's simple name
 * @param message the message
 */
record LogLine(String level, String runId, String parentRunId, String thread, String logger, String message) {

	private static final Pattern PATTERN = Pattern
		.compile("^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} +(\\w+) \\[([^]]*)] \\[([^]]*)] (\\S+) +(\\S+) +(.*)$");

	/**
	 * The lines logged in a run, in order.
	 * @param output the captured output
	 * @param runId the run
	 * @return its lines
	 */
	static List<LogLine> of(CapturedOutput output, String runId) {
		return output.getOut()
			.lines()
			.map(LogLine::parse)
			.filter((line) -> line != null && line.runId().equals(runId))
			.toList();
	}

	/**
	 * The lines that mention a run anywhere, in order, as {@code grep <run ID>} finds
	 * them: the run's own, its child runs' (which name it as parent) and those of the
	 * stub LLM (which logs the {@code X-Run-Id} it received).
	 * @param output the captured output
	 * @param runId the run
	 * @return the lines that mention it
	 */
	static List<LogLine> grep(CapturedOutput output, String runId) {
		return output.getOut()
			.lines()
			.filter((line) -> line.contains(runId))
			.map(LogLine::parse)
			.filter((line) -> line != null)
			.toList();
	}

	private static @Nullable LogLine parse(String line) {
		Matcher matcher = PATTERN.matcher(line);
		return matcher.matches() ? new LogLine(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4),
				matcher.group(5), matcher.group(6)) : null;
	}

	/**
	 * The event: the first word of the message.
	 * @return the event
	 */
	String event() {
		int space = this.message.indexOf(' ');
		return (space >= 0) ? this.message.substring(0, space) : this.message;
	}

}

package dev.runid.spring.messaging;

import java.util.function.Supplier;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.registry.ActiveSegment;
import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.web.RunIdInboundResolver;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Turns the run headers of a received message into the run of its listener, with the
 * rules of inbound HTTP requests ({@link RunIdInboundResolver}): a valid run header is
 * accepted (or ignored with {@code run-id.inbound.mode=ignore}), an invalid one replaced
 * and logged escaped, a missing one minted, so each message without a run gets its own. A
 * message is never rejected. With a {@link RunRecorder}, the listener's work is a segment
 * of kind {@value #KIND} named after the destination. Thread-safe.
 */
public final class RunIdMessageListening {

	/**
	 * The kind of the segments of message listeners: {@value}.
	 */
	public static final String KIND = "message";

	private static final Log logger = LogFactory.getLog(RunIdMessageListening.class);

	private final Supplier<RunIdInboundResolver> resolver;

	private final Supplier<@Nullable RunRecorder> recorder;

	/**
	 * Create the listening side of an integration.
	 * @param resolver resolves the run of a message from its headers; one that replaces
	 * invalid values, as there is no request to reject
	 * @param recorder the run recorder, or a supplier of {@code null} without a registry
	 */
	public RunIdMessageListening(Supplier<RunIdInboundResolver> resolver, Supplier<@Nullable RunRecorder> recorder) {
		this.resolver = resolver;
		this.recorder = recorder;
	}

	/**
	 * The header of the run ID.
	 * @return the header name
	 */
	public String headerName() {
		return this.resolver.get().headerName();
	}

	/**
	 * The header of the parent run ID.
	 * @return the header name
	 */
	public String parentHeaderName() {
		return this.resolver.get().parentHeaderName();
	}

	/**
	 * Make the run of a message current on the calling thread. Close the returned entry
	 * on the same thread when the listener is done.
	 * @param value the first value of the run header, or {@code null} if absent
	 * @param repeated whether the run header occurs more than once
	 * @param parentValue the first value of the parent header, or {@code null} if absent
	 * @param parentRepeated whether the parent header occurs more than once
	 * @param destination the topic, queue or destination the message came from
	 * @return the entry of the run
	 */
	public Entry enter(@Nullable String value, boolean repeated, @Nullable String parentValue, boolean parentRepeated,
			String destination) {
		RunId runId = this.resolver.get().resolve(value, repeated, parentValue, parentRepeated).runId();
		return enter(runId, destination);
	}

	/**
	 * Make a new run current on the calling thread: for a listener that receives several
	 * messages at once.
	 * @param destination the topic, queue or destination the messages came from
	 * @return the entry of the run
	 */
	public Entry enterNew(String destination) {
		return enter(this.resolver.get().generate(), destination);
	}

	private Entry enter(RunId runId, String destination) {
		RunRecorder recorder = this.recorder.get();
		if (recorder == null) {
			return new Entry(runId, destination, RunContext.enter(runId), null);
		}
		recorder.announce(runId, KIND, destination);
		RunContext scope = RunContext.enter(runId);
		return new Entry(runId, destination, scope, recorder.claim(runId));
	}

	/**
	 * The run of one listener call, current on the thread that entered it until closed.
	 */
	public static final class Entry implements AutoCloseable {

		private final RunId runId;

		private final String destination;

		private final RunContext scope;

		private final @Nullable ActiveSegment segment;

		private Entry(RunId runId, String destination, RunContext scope, @Nullable ActiveSegment segment) {
			this.runId = runId;
			this.destination = destination;
			this.scope = scope;
			this.segment = segment;
		}

		/**
		 * The run of the listener call.
		 * @return the run
		 */
		public RunId runId() {
			return this.runId;
		}

		/**
		 * Log that the listener call failed, while its run is still in the MDC (the
		 * container's error handling may log it again, or not at all when a recoverer
		 * takes the message), and mark its segment failed, if it is recorded.
		 * @param failure why it failed
		 */
		public void failed(Throwable failure) {
			logger.error("Listener of " + this.destination + " failed in run " + this.runId, failure);
			if (this.segment != null) {
				this.segment.failed(failure);
			}
		}

		/**
		 * Leave the run: the calling thread is left as it was before.
		 */
		@Override
		public void close() {
			this.scope.close();
		}

	}

}

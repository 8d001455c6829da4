package dev.runid.spring.registry;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.runid.RunId;
import dev.runid.spring.usage.RunUsage;
import org.jspecify.annotations.Nullable;

/**
 * The segment of a run while the run is active in this process, as the entry point that
 * started it describes it: a request, a scheduled execution, a message, a tool call. The
 * {@link RunRecorder} hands it to that entry point ({@link RunRecorder#claim}) and writes
 * it to the {@link RunStore} when the segment starts and when it ends.
 * <p>
 * Thread-safe: the entry point may describe the segment on any thread until the run's
 * last scope in this process closes; what it says afterwards is not recorded.
 */
public final class ActiveSegment {

	/**
	 * The status codes from 100 to 599, boxed once: most are above the JDK's cache of
	 * small {@link Integer}s, and every request's segment records one.
	 */
	private static final Integer[] HTTP_STATUSES = new Integer[500];

	static {
		for (int i = 0; i < HTTP_STATUSES.length; i++) {
			HTTP_STATUSES[i] = 100 + i;
		}
	}

	private final RunId runId;

	private final @Nullable String parentId;

	private final String segmentId;

	private final Instant startedAt;

	private final int maxAttributes;

	private volatile String kind;

	private volatile String name;

	private volatile int httpStatus;

	private volatile boolean failed;

	private volatile @Nullable RunError error;

	/**
	 * Guarded by {@code this}; created with the first attribute.
	 */
	private @Nullable Map<String, String> attributes;

	/**
	 * Guarded by {@code this}.
	 */
	private RunUsage usage = RunUsage.NONE;

	private int droppedAttributes;

	ActiveSegment(RunId runId, String segmentId, Instant startedAt, String kind, String name, int maxAttributes) {
		this.runId = runId;
		this.parentId = runId.parent().map(RunId::value).orElse(null);
		this.segmentId = segmentId;
		this.startedAt = startedAt;
		this.kind = kind;
		this.name = name;
		this.maxAttributes = maxAttributes;
	}

	/**
	 * The run of the segment.
	 * @return the run
	 */
	public RunId runId() {
		return this.runId;
	}

	/**
	 * What started the segment, as last described.
	 * @return the kind: {@code http}, {@code scheduled}, {@code mcp}, ...
	 */
	public String kind() {
		return this.kind;
	}

	/**
	 * Say what the segment is.
	 * @param kind what started it: {@code http}, {@code scheduled}, {@code method},
	 * {@code message}, {@code mcp}, ...
	 * @param name what ran, never a raw path or anything a caller chose freely
	 */
	public void describe(String kind, String name) {
		this.kind = kind;
		this.name = name;
	}

	/**
	 * Name what ran, keeping the kind: for example the route template of a request, once
	 * routing has matched it.
	 * @param name what ran
	 */
	public void name(String name) {
		this.name = name;
	}

	/**
	 * Record the HTTP status answered; a 5xx status marks the segment failed.
	 * @param status the status code
	 */
	public void httpStatus(int status) {
		this.httpStatus = status;
		if (status >= 500) {
			this.failed = true;
		}
	}

	/**
	 * Mark the segment failed by an exception that its entry point did not handle. The
	 * first exception recorded is kept.
	 * @param failure the exception
	 */
	public void failed(Throwable failure) {
		if (this.error == null) {
			this.error = RunError.of(failure);
		}
		this.failed = true;
	}

	synchronized boolean attribute(String key, String value) {
		Map<String, String> attributes = this.attributes;
		if (attributes == null) {
			attributes = new LinkedHashMap<>();
			this.attributes = attributes;
		}
		if (attributes.size() >= this.maxAttributes && !attributes.containsKey(key)) {
			this.droppedAttributes++;
			return false;
		}
		attributes.put(key, value);
		return true;
	}

	synchronized void addUsage(RunUsage usage) {
		this.usage = this.usage.plus(usage);
	}

	/**
	 * The number of attributes this segment dropped because it had its maximum already.
	 * @return the number of dropped attributes
	 */
	public synchronized int droppedAttributes() {
		return this.droppedAttributes;
	}

	private static @Nullable Integer boxed(int httpStatus) {
		if (httpStatus == 0) {
			return null;
		}
		int index = httpStatus - 100;
		return (index >= 0 && index < HTTP_STATUSES.length) ? HTTP_STATUSES[index] : Integer.valueOf(httpStatus);
	}

	RunSegmentRecord record(String service, String instance, @Nullable Instant endedAt) {
		Map<String, String> attributes;
		RunUsage usage;
		synchronized (this) {
			attributes = (this.attributes != null) ? Collections.unmodifiableMap(new LinkedHashMap<>(this.attributes))
					: Collections.emptyMap();
			usage = this.usage;
		}
		RunStatus status = (endedAt == null) ? RunStatus.RUNNING
				: (this.failed ? RunStatus.FAILED : RunStatus.SUCCEEDED);
		int httpStatus = this.httpStatus;
		RunSegment segment = new RunSegment(service, instance, this.kind, this.name, status, this.startedAt, endedAt,
				boxed(httpStatus), (endedAt != null) ? this.error : null);
		return new RunSegmentRecord(this.runId.value(), this.parentId, this.segmentId, segment, attributes, usage);
	}

}

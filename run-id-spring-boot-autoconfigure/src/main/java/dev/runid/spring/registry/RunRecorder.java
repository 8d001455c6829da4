package dev.runid.spring.registry;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.scope.RunActivity;
import dev.runid.spring.scope.RunScope;
import dev.runid.spring.usage.RunUsage;
import dev.runid.spring.usage.RunUsageListener;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Records one segment per run and process into a {@link RunStore}: from the run's first
 * entry in this process to its last exit, as {@link RunScope} counts them, so nested
 * scopes, wrapped tasks and thread hops of a run add to its segment rather than making
 * new ones. The segment is written when it starts ({@code RUNNING}) and when it ends.
 * <p>
 * An entry point that starts runs (a request filter, a scheduler, a message listener, a
 * tool server) describes the segment it starts: it calls {@link #announce} right before
 * it makes the run current ({@link RunContext#enter}, {@link RunContext#hold}) and
 * {@link #claim} right after: <pre>{@code
 * recorder.announce(runId, "message", "orders.created");
 * try (RunContext scope = RunContext.enter(runId)) {
 *     ActiveSegment segment = recorder.claim(runId); // null when the run was active already
 *     ...
 * }
 * }</pre> A segment nobody announced is of kind {@code manual}, named after the thread
 * that entered the run. Where several application contexts run in one JVM, each records
 * the entries announced to it, and every context records the runs nobody announced.
 * Attributes set with {@link RunContext#setAttribute} and usage reported to this
 * {@link RunUsageListener} land in the run's active segment; a run that is not active in
 * this process drops them.
 * <p>
 * Thread-safe. Announcing and claiming use a thread-local holder and allocate nothing.
 */
public final class RunRecorder implements RunActivity<ActiveSegment>, RunUsageListener, AutoCloseable {

	/**
	 * The most attributes a segment keeps; later ones are dropped and counted.
	 */
	public static final int MAX_ATTRIBUTES = 32;

	private static final ThreadLocal<Announcement> announcements = ThreadLocal.withInitial(Announcement::new);

	private static final Log logger = LogFactory.getLog(RunRecorder.class);

	private static final long FAILURE_LOG_INTERVAL = TimeUnit.MINUTES.toNanos(1);

	private final RunStore store;

	private final RunScope scope;

	private final String service;

	private final String instance;

	private final AtomicLong segments = new AtomicLong();

	private final AtomicLong droppedAttributes = new AtomicLong();

	private final AtomicLong failedWrites = new AtomicLong();

	private final AtomicLong lastFailureLogged = new AtomicLong();

	private final AutoCloseable attachment;

	private final String[] unrecordedPaths;

	/**
	 * Create a recorder and attach it to the scope that counts the runs' scopes.
	 * @param store where segments are written
	 * @param scope the run scope, which tells the recorder when runs start and end in
	 * this process
	 * @param service the name of this service
	 * @param instance identifies this process among the instances of the service
	 */
	public RunRecorder(RunStore store, RunScope scope, String service, String instance) {
		this(store, scope, service, instance, List.of());
	}

	/**
	 * Create a recorder that records no request to some paths, and attach it to the scope
	 * that counts the runs' scopes.
	 * @param store where segments are written
	 * @param scope the run scope, which tells the recorder when runs start and end in
	 * this process
	 * @param service the name of this service
	 * @param instance identifies this process among the instances of the service
	 * @param unrecordedPaths paths within the application (such as {@code /actuator})
	 * whose requests, and those of every path below them, are not recorded
	 */
	public RunRecorder(RunStore store, RunScope scope, String service, String instance, List<String> unrecordedPaths) {
		this.store = store;
		this.scope = scope;
		this.service = service;
		this.instance = instance;
		this.unrecordedPaths = unrecordedPaths.stream()
			.filter((path) -> path.length() > 1 && path.startsWith("/"))
			.map((path) -> path.endsWith("/") ? path.substring(0, path.length() - 1) : path)
			.toArray(String[]::new);
		this.attachment = scope.attach(this);
	}

	/**
	 * Whether a request to a path is recorded: not when it is one of the unrecorded paths
	 * or below one (the run dashboard's own resources, actuator endpoints), so that
	 * looking at runs does not make runs. Allocates nothing.
	 * @param uri the request's URI path
	 * @param offset where the path within the application starts in it (the length of the
	 * context path)
	 * @return whether to record the request
	 */
	public boolean records(String uri, int offset) {
		for (String path : this.unrecordedPaths) {
			int end = offset + path.length();
			if (uri.startsWith(path, offset) && (uri.length() == end || uri.charAt(end) == '/')) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Record nothing for the next entry of a run on the calling thread, if that entry
	 * would start a segment: for a request that {@link #records} says no to. Call
	 * {@link #claim} right after that entry.
	 * @param runId the run about to be entered or held
	 */
	public void skip(RunId runId) {
		announcements.get().set(this, runId, null, null, null, true);
	}

	/**
	 * An instance name that is unique per process: the host name, the process ID and a
	 * random part (process IDs repeat across containers and restarts), for example
	 * {@code orders-7d9f:1:5f3a9c01}.
	 * @return the instance name
	 */
	public static String defaultInstance() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (Exception ex) {
			host = "localhost";
		}
		long pid = ProcessHandle.current().pid();
		byte[] random = new byte[4];
		new SecureRandom().nextBytes(random);
		return host + ":" + pid + ":" + HexFormat.of().formatHex(random);
	}

	/**
	 * The name of this service in the segments it records.
	 * @return the service name
	 */
	public String service() {
		return this.service;
	}

	/**
	 * The name of this instance in the segments it records.
	 * @return the instance name
	 */
	public String instance() {
		return this.instance;
	}

	/**
	 * Describe the segment that the next entry of a run on the calling thread starts, if
	 * it starts one. Call {@link #claim} right after that entry, also when it failed.
	 * @param runId the run about to be entered or held
	 * @param kind what starts it: {@code http}, {@code scheduled}, {@code method},
	 * {@code message}, {@code mcp}, ...
	 * @param name what runs
	 */
	public void announce(RunId runId, String kind, String name) {
		announcements.get().set(this, runId, kind, name, null, false);
	}

	/**
	 * Continue a segment that ended, in the next entry of its run on the calling thread,
	 * if that entry makes the run active again: for example the error dispatch of a
	 * servlet request after its request dispatch, which is one request and so one
	 * segment. The segment is written again under its ID when it ends again. Call
	 * {@link #claim} right after that entry.
	 * @param segment the segment to continue
	 */
	public void resume(ActiveSegment segment) {
		announcements.get().set(this, segment.runId(), null, null, segment, false);
	}

	/**
	 * The segment that the entry announced with {@link #announce} started.
	 * @param runId the run that was entered or held
	 * @return the segment, or {@code null} when the run was active in this process
	 * already (the segment belongs to an earlier entry) or nothing was announced
	 */
	public @Nullable ActiveSegment claim(RunId runId) {
		Announcement announcement = announcements.get();
		ActiveSegment started = announcement.started;
		announcement.set(null, null, null, null, null, false);
		return (started != null && started.runId().equals(runId)) ? started : null;
	}

	/**
	 * The segment of a run that is active in this process.
	 * @param runId the run
	 * @return its segment, or {@code null} when the run is not active here
	 */
	public @Nullable ActiveSegment segment(RunId runId) {
		return this.scope.state(runId, this);
	}

	/**
	 * Set an attribute on the segment of a run that is active in this process, as
	 * {@link RunContext#setAttribute} does for the current run. The key must be valid;
	 * the value is cut to {@link RunContext#MAX_ATTRIBUTE_VALUE_LENGTH}.
	 * @param runId the run
	 * @param key the key
	 * @param value the value
	 */
	public void attribute(RunId runId, String key, String value) {
		ActiveSegment segment = segment(runId);
		if (segment != null) {
			attributeSet(runId, segment, key, value);
		}
	}

	/**
	 * How many attributes were dropped because their segment had {@value #MAX_ATTRIBUTES}
	 * already, since this recorder was created.
	 * @return the number of dropped attributes
	 */
	public long droppedAttributes() {
		return this.droppedAttributes.get();
	}

	@Override
	public @Nullable ActiveSegment started(RunId runId) {
		Announcement announcement = announcements.get();
		boolean forThisRun = runId.equals(announcement.runId);
		if (forThisRun && (announcement.owner != this || announcement.skip)) {
			// skipped, or the entry of another application context in this JVM
			// (whose recorder records it)
			return null;
		}
		ActiveSegment segment;
		String kind = announcement.kind;
		String name = announcement.name;
		ActiveSegment resumed = announcement.resumed;
		boolean announced = forThisRun && announcement.started == null;
		if (announced && resumed != null) {
			segment = resumed;
			announcement.started = segment;
		}
		else if (announced && kind != null && name != null) {
			segment = newSegment(runId, kind, name);
			announcement.started = segment;
		}
		else {
			segment = newSegment(runId, "manual", Thread.currentThread().getName());
		}
		save(segment.record(this.service, this.instance, null));
		return segment;
	}

	/**
	 * Save a segment. A store must not throw, but one that does must not leave the run
	 * half-entered on the caller's thread: the failure is counted and logged at most once
	 * a minute.
	 */
	private void save(RunSegmentRecord record) {
		try {
			this.store.save(record);
		}
		catch (RuntimeException ex) {
			this.failedWrites.incrementAndGet();
			long now = System.nanoTime();
			long last = this.lastFailureLogged.get();
			if ((last == 0 || now - last >= FAILURE_LOG_INTERVAL) && this.lastFailureLogged.compareAndSet(last, now)) {
				logger.warn("The run store failed to save a segment of run " + record.runId() + " ("
						+ this.failedWrites.get() + " failed saves so far)", ex);
			}
		}
	}

	/**
	 * How many saves of segments the store failed, since this recorder was created.
	 * @return the number of failed saves
	 */
	public long failedWrites() {
		return this.failedWrites.get();
	}

	private ActiveSegment newSegment(RunId runId, String kind, String name) {
		String segmentId = this.instance + "#" + this.segments.incrementAndGet();
		return new ActiveSegment(runId, segmentId, Instant.now(), kind, name, MAX_ATTRIBUTES);
	}

	@Override
	public void ended(RunId runId, ActiveSegment segment) {
		save(segment.record(this.service, this.instance, Instant.now()));
	}

	@Override
	public void attributeSet(RunId runId, ActiveSegment segment, String key, String value) {
		String kept = (value.length() > RunContext.MAX_ATTRIBUTE_VALUE_LENGTH)
				? value.substring(0, RunContext.MAX_ATTRIBUTE_VALUE_LENGTH) : value;
		if (!segment.attribute(key, kept)) {
			this.droppedAttributes.incrementAndGet();
		}
	}

	@Override
	public void usageRecorded(RunId runId, RunUsage usage) {
		ActiveSegment segment = segment(runId);
		if (segment != null) {
			segment.addUsage(usage);
		}
	}

	/**
	 * Detach from the run scope: runs that start from now on are not recorded.
	 */
	@Override
	public void close() throws Exception {
		this.attachment.close();
	}

	/**
	 * The calling thread's announced segment; reused, so announcing allocates nothing.
	 */
	private static final class Announcement {

		@Nullable RunRecorder owner;

		boolean skip;

		@Nullable RunId runId;

		@Nullable String kind;

		@Nullable String name;

		@Nullable ActiveSegment resumed;

		@Nullable ActiveSegment started;

		void set(@Nullable RunRecorder owner, @Nullable RunId runId, @Nullable String kind, @Nullable String name,
				@Nullable ActiveSegment resumed, boolean skip) {
			this.owner = owner;
			this.runId = runId;
			this.kind = kind;
			this.name = name;
			this.resumed = resumed;
			this.skip = skip;
			this.started = null;
		}

	}

}

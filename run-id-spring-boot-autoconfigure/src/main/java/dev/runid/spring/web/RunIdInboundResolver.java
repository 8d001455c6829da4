package dev.runid.spring.web;

import dev.runid.RunId;
import dev.runid.RunIdGenerator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Turns the run headers of an inbound request into the request's run: accepts a valid run
 * ID (with its valid parent), mints one when there is none, and replaces or rejects an
 * empty, invalid or repeated value. Shared by the servlet and reactive filters. Immutable
 * and thread-safe.
 * <p>
 * An invalid value is never logged raw: one WARN line per rejected value shows an
 * escaped, truncated preview.
 */
public final class RunIdInboundResolver {

	private static final Log logger = LogFactory.getLog(RunIdInboundResolver.class);

	private final RunIdGenerator generator;

	private final String headerName;

	private final String parentHeaderName;

	private final boolean acceptInbound;

	private final boolean rejectInvalid;

	/**
	 * Create a resolver.
	 * @param generator generator of new runs
	 * @param headerName the header of the run ID
	 * @param parentHeaderName the header of the parent run ID
	 * @param acceptInbound whether a valid inbound run ID is used ({@code false}: always
	 * mint)
	 * @param rejectInvalid whether an invalid value rejects the request ({@code false}:
	 * replace it)
	 */
	public RunIdInboundResolver(RunIdGenerator generator, String headerName, String parentHeaderName,
			boolean acceptInbound, boolean rejectInvalid) {
		this.generator = generator;
		this.headerName = headerName;
		this.parentHeaderName = parentHeaderName;
		this.acceptInbound = acceptInbound;
		this.rejectInvalid = rejectInvalid;
	}

	/**
	 * The header of the run ID.
	 * @return the header name
	 */
	public String headerName() {
		return this.headerName;
	}

	/**
	 * The header of the parent run ID.
	 * @return the header name
	 */
	public String parentHeaderName() {
		return this.parentHeaderName;
	}

	/**
	 * Generate a new run without parent.
	 * @return the new run
	 */
	public RunId generate() {
		return RunId.generate(this.generator, null);
	}

	/**
	 * Resolve the run of a request from its header values.
	 * @param value the first value of the run header, or {@code null} if absent
	 * @param repeated whether the run header occurs more than once
	 * @param parentValue the first value of the parent header, or {@code null} if absent
	 * @param parentRepeated whether the parent header occurs more than once
	 * @return the resolution
	 */
	public Resolution resolve(@Nullable String value, boolean repeated, @Nullable String parentValue,
			boolean parentRepeated) {
		if (!this.acceptInbound || value == null) {
			return new Resolution(generate(), null);
		}
		if (repeated || !RunId.isValid(value)) {
			return invalid(this.headerName, value, repeated);
		}
		RunId runId = RunId.fromString(value);
		if (parentValue == null) {
			return new Resolution(runId, null);
		}
		if (parentRepeated || !RunId.isValid(parentValue)) {
			if (this.rejectInvalid) {
				return invalid(this.parentHeaderName, parentValue, parentRepeated);
			}
			warn(this.parentHeaderName, parentValue, parentRepeated, "dropped it; run " + runId + " has no parent");
			return new Resolution(runId, null);
		}
		return new Resolution(runId.withParent(RunId.fromString(parentValue)), null);
	}

	/**
	 * Whether the run headers of a request already carry a run exactly: one run header
	 * with its value, and one parent header with its parent's value, or none when the run
	 * has no parent. A request that does not is rewritten by the inbound filters, so that
	 * whatever reads or copies its headers downstream of them (a controller, a gateway, a
	 * proxy) sees the request's run rather than a minted-over, replaced or ignored
	 * inbound value.
	 * @param runId the request's run
	 * @param value the first value of the run header, or {@code null} if absent
	 * @param repeated whether the run header occurs more than once
	 * @param parentValue the first value of the parent header, or {@code null} if absent
	 * @param parentRepeated whether the parent header occurs more than once
	 * @return whether the headers carry the run as they are
	 */
	public static boolean carries(RunId runId, @Nullable String value, boolean repeated, @Nullable String parentValue,
			boolean parentRepeated) {
		if (repeated || parentRepeated || !runId.value().equals(value)) {
			return false;
		}
		RunId parent = runId.parent().orElse(null);
		return (parent != null) ? parent.value().equals(parentValue) : parentValue == null;
	}

	private Resolution invalid(String header, String value, boolean repeated) {
		RunId fresh = generate();
		if (this.rejectInvalid) {
			warn(header, value, repeated, "rejected the request with 400; its new run is " + fresh);
			return new Resolution(fresh, header);
		}
		warn(header, value, repeated, "replaced it with new run " + fresh);
		return new Resolution(fresh, null);
	}

	private void warn(String header, String value, boolean repeated, String action) {
		if (logger.isWarnEnabled()) {
			logger.warn((repeated ? "Repeated " : "Invalid ") + header + " header " + RunId.preview(value) + " ("
					+ RunId.RULE + "): " + action);
		}
	}

	/**
	 * The run of a request.
	 *
	 * @param runId the request's run
	 * @param rejectedHeader the header whose invalid value rejects the request, or
	 * {@code null} if the request goes on
	 */
	public record Resolution(RunId runId, @Nullable String rejectedHeader) {

		/**
		 * Whether the request is to be rejected with 400.
		 * @return whether rejected
		 */
		public boolean rejected() {
			return this.rejectedHeader != null;
		}

		/**
		 * The problem-detail JSON body of a rejection.
		 * @param instance the request path
		 * @return the body
		 */
		public String problemBody(String instance) {
			return "{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,\"detail\":\"Invalid "
					+ this.rejectedHeader + " header: " + RunId.RULE + "\",\"instance\":\"" + jsonEscape(instance)
					+ "\",\"runId\":\"" + this.runId + "\"}";
		}

		private static String jsonEscape(String value) {
			StringBuilder escaped = new StringBuilder(value.length() + 8);
			for (int i = 0; i < value.length(); i++) {
				char c = value.charAt(i);
				if (c == '"' || c == '\\') {
					escaped.append('\\').append(c);
				}
				else if (c < 0x20 || c > 0x7e) {
					escaped.append(String.format("\\u%04x", (int) c));
				}
				else {
					escaped.append(c);
				}
			}
			return escaped.toString();
		}

	}

}

package dev.runid.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import dev.runid.spring.client.RunIdHostFilter;
import dev.runid.spring.web.RunIdHeaders;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for run-id, under the {@code run-id} prefix.
 */
@ConfigurationProperties("run-id")
public class RunIdProperties {

	/**
	 * Whether run-id handles requests and forwards IDs at all.
	 */
	private boolean enabled = true;

	/**
	 * Name of the header read on requests, echoed on responses and sent downstream.
	 */
	private String headerName = RunIdHeaders.DEFAULT_HEADER_NAME;

	/**
	 * Name of the header that carries the parent run.
	 */
	private String parentHeaderName = RunIdHeaders.DEFAULT_PARENT_HEADER_NAME;

	/**
	 * MDC key of the current run.
	 */
	private String mdcKey = "runId";

	/**
	 * MDC key of the parent of the current run.
	 */
	private String parentMdcKey = "parentRunId";

	/**
	 * Generator of new run IDs; a RunIdGenerator bean takes precedence.
	 */
	private Generator generator = Generator.UUID7;

	private final Inbound inbound = new Inbound();

	private final Response response = new Response();

	private final Outbound outbound = new Outbound();

	private final Scheduling scheduling = new Scheduling();

	private final Reactor reactor = new Reactor();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getHeaderName() {
		return this.headerName;
	}

	public void setHeaderName(String headerName) {
		this.headerName = RunIdHeaders.checkHeaderName(headerName);
	}

	public String getParentHeaderName() {
		return this.parentHeaderName;
	}

	public void setParentHeaderName(String parentHeaderName) {
		this.parentHeaderName = RunIdHeaders.checkHeaderName(parentHeaderName);
	}

	public String getMdcKey() {
		return this.mdcKey;
	}

	public void setMdcKey(String mdcKey) {
		this.mdcKey = checkMdcKey(mdcKey);
	}

	public String getParentMdcKey() {
		return this.parentMdcKey;
	}

	public void setParentMdcKey(String parentMdcKey) {
		this.parentMdcKey = checkMdcKey(parentMdcKey);
	}

	private static String checkMdcKey(String key) {
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("An MDC key must not be blank");
		}
		return key;
	}

	public Generator getGenerator() {
		return this.generator;
	}

	public void setGenerator(Generator generator) {
		this.generator = generator;
	}

	public Inbound getInbound() {
		return this.inbound;
	}

	public Response getResponse() {
		return this.response;
	}

	public Outbound getOutbound() {
		return this.outbound;
	}

	public Scheduling getScheduling() {
		return this.scheduling;
	}

	public Reactor getReactor() {
		return this.reactor;
	}

	/**
	 * Generators of new run IDs.
	 */
	public enum Generator {

		/**
		 * Time-ordered UUIDv7.
		 */
		UUID7,

		/**
		 * Random UUIDv4.
		 */
		UUID4

	}

	/**
	 * How inbound requests are handled.
	 */
	public static final class Inbound {

		/**
		 * Whether to use a valid inbound run ID ('accept') or always mint a new one
		 * ('ignore').
		 */
		private Mode mode = Mode.ACCEPT;

		/**
		 * What to do with an empty, invalid or repeated inbound run ID: mint a fresh one
		 * ('replace') or answer 400 ('reject').
		 */
		private OnInvalid onInvalid = OnInvalid.REPLACE;

		public Mode getMode() {
			return this.mode;
		}

		public void setMode(Mode mode) {
			this.mode = mode;
		}

		public OnInvalid getOnInvalid() {
			return this.onInvalid;
		}

		public void setOnInvalid(OnInvalid onInvalid) {
			this.onInvalid = onInvalid;
		}

		/**
		 * What to do with a valid inbound run ID.
		 */
		public enum Mode {

			/**
			 * Use it as the request's run.
			 */
			ACCEPT,

			/**
			 * Always mint a new run.
			 */
			IGNORE

		}

		/**
		 * What to do with an invalid inbound run ID.
		 */
		public enum OnInvalid {

			/**
			 * Mint a fresh run ID.
			 */
			REPLACE,

			/**
			 * Answer 400 Bad Request.
			 */
			REJECT

		}

	}

	/**
	 * How responses carry the run.
	 */
	public static final class Response {

		/**
		 * Whether to echo the run ID on every response.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * How HTTP clients forward the run.
	 */
	public static final class Outbound {

		/**
		 * Whether HTTP clients forward the run downstream.
		 */
		private boolean enabled = true;

		/**
		 * Hosts to forward the run to, as exact names or '*.example.com' patterns; empty
		 * forwards to all hosts.
		 */
		private List<String> allowedHosts = new ArrayList<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public List<String> getAllowedHosts() {
			return this.allowedHosts;
		}

		public void setAllowedHosts(List<String> allowedHosts) {
			RunIdHostFilter.of(allowedHosts);
			this.allowedHosts = new ArrayList<>(allowedHosts);
		}

	}

	/**
	 * How scheduled work takes part in runs.
	 */
	public static final class Scheduling {

		/**
		 * Whether every execution of a @Scheduled method runs as a new run of its own.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * How Reactor pipelines of reactive web applications carry the run.
	 */
	public static final class Reactor {

		/**
		 * Whether to turn on Reactor's automatic context propagation in reactive web
		 * applications, so that every operator of a request's pipeline sees the run;
		 * 'false' leaves it to 'spring.reactor.context-propagation'.
		 */
		private boolean automaticContextPropagation = true;

		public boolean isAutomaticContextPropagation() {
			return this.automaticContextPropagation;
		}

		public void setAutomaticContextPropagation(boolean automaticContextPropagation) {
			this.automaticContextPropagation = automaticContextPropagation;
		}

	}

}

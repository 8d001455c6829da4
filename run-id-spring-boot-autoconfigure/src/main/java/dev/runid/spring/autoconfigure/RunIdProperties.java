package dev.runid.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import dev.runid.spring.client.RunIdHostFilter;
import dev.runid.spring.dashboard.RunIdDashboard;
import dev.runid.spring.registry.MemoryRunStore;
import dev.runid.spring.web.RunIdHeaders;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Configuration properties for run-id, under the {@code run-id} prefix.
 */
@ConfigurationProperties("run-id")
public class RunIdProperties implements InitializingBean {

	/**
	 * The literals and operators of JMS message selectors, which no property name may be.
	 */
	private static final List<String> JMS_SELECTOR_WORDS = List.of("NULL", "TRUE", "FALSE", "NOT", "AND", "OR",
			"BETWEEN", "LIKE", "IN", "IS", "ESCAPE");

	/**
	 * Whether run-id handles requests and forwards IDs at all.
	 */
	private boolean enabled = true;

	/**
	 * Name of the header read on requests, echoed on responses and sent downstream.
	 */
	private String headerName = "X-Run-Id";

	/**
	 * Name of the header that carries the parent run.
	 */
	private String parentHeaderName = "X-Parent-Run-Id";

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

	private final Tracing tracing = new Tracing();

	private final Mcp mcp = new Mcp();

	private final Messaging messaging = new Messaging();

	private final Registry registry = new Registry();

	private final Usage usage = new Usage();

	private final Dashboard dashboard = new Dashboard();

	/**
	 * Check the settings once bound, so that a bad one fails at startup with a message
	 * that names the property.
	 */
	@Override
	public void afterPropertiesSet() {
		check("run-id.header-name", this.headerName, RunIdHeaders::checkHeaderName);
		check("run-id.parent-header-name", this.parentHeaderName, RunIdHeaders::checkHeaderName);
		if (this.headerName.equalsIgnoreCase(this.parentHeaderName)) {
			throw new InvalidConfigurationPropertyValueException("run-id.parent-header-name", this.parentHeaderName,
					"It must differ from run-id.header-name.");
		}
		check("run-id.mdc-key", this.mdcKey, RunIdProperties::checkMdcKey);
		check("run-id.parent-mdc-key", this.parentMdcKey, RunIdProperties::checkMdcKey);
		if (this.mdcKey.equals(this.parentMdcKey)) {
			throw new InvalidConfigurationPropertyValueException("run-id.parent-mdc-key", this.parentMdcKey,
					"It must differ from run-id.mdc-key.");
		}
		Messaging.Jms jms = this.messaging.getJms();
		check("run-id.messaging.jms.property-name", jms.propertyName, RunIdProperties::checkJmsPropertyName);
		check("run-id.messaging.jms.parent-property-name", jms.parentPropertyName,
				RunIdProperties::checkJmsPropertyName);
		if (jms.propertyName.equals(jms.parentPropertyName)) {
			throw new InvalidConfigurationPropertyValueException("run-id.messaging.jms.parent-property-name",
					jms.parentPropertyName, "It must differ from run-id.messaging.jms.property-name.");
		}
		if (this.registry.memory.capacity < 1 || this.registry.memory.capacity > MemoryRunStore.MAX_CAPACITY) {
			throw new InvalidConfigurationPropertyValueException("run-id.registry.memory.capacity",
					this.registry.memory.capacity, "It must be from 1 to " + MemoryRunStore.MAX_CAPACITY + ".");
		}
		Registry.Jdbc jdbc = this.registry.jdbc;
		if (jdbc.queueCapacity < 1) {
			throw new InvalidConfigurationPropertyValueException("run-id.registry.jdbc.queue-capacity",
					jdbc.queueCapacity, "It must be at least 1.");
		}
		check("run-id.dashboard.path", this.dashboard.path, RunIdDashboard::checkPath);
		checkPositive("run-id.registry.jdbc.flush-interval", jdbc.flushInterval);
		checkPositive("run-id.registry.jdbc.retention", jdbc.retention);
		try {
			RunIdHostFilter.of(this.outbound.allowedHosts);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidConfigurationPropertyValueException("run-id.outbound.allowed-hosts",
					String.join(",", this.outbound.allowedHosts).replaceAll("[^\\x20-\\x7e]", "?"), ex.getMessage());
		}
	}

	private static void check(String property, @Nullable String value, Consumer<String> rule) {
		try {
			rule.accept(value);
		}
		catch (IllegalArgumentException ex) {
			String shown = (value != null) ? value.replaceAll("[^\\x20-\\x7e]", "?") : null;
			throw new InvalidConfigurationPropertyValueException(property, shown, ex.getMessage());
		}
	}

	private static void checkPositive(String property, Duration value) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(property, value, "It must be positive.");
		}
	}

	/**
	 * The rules of JMS for property names, which are message selector identifiers: a Java
	 * identifier, not one of the selector's literals and operators (in any case, as
	 * selectors read them), and not starting with {@code JMS}, which JMS reserves for its
	 * own and its providers' properties.
	 */
	private static void checkJmsPropertyName(@Nullable String name) {
		boolean identifier = name != null && !name.isEmpty() && Character.isJavaIdentifierStart(name.charAt(0))
				&& name.chars().skip(1).allMatch(Character::isJavaIdentifierPart);
		if (!identifier || name.startsWith("JMS")) {
			throw new IllegalArgumentException(
					"A JMS property name must be a Java identifier that does not start with JMS.");
		}
		if (JMS_SELECTOR_WORDS.contains(name.toUpperCase(Locale.ROOT))) {
			throw new IllegalArgumentException("A JMS property name must not be one of the message selector's words "
					+ String.join(", ", JMS_SELECTOR_WORDS) + " (in any case).");
		}
	}

	private static void checkMdcKey(@Nullable String key) {
		if (key == null || key.isBlank()) {
			throw new IllegalArgumentException("An MDC key must not be blank.");
		}
	}

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
		this.headerName = headerName;
	}

	public String getParentHeaderName() {
		return this.parentHeaderName;
	}

	public void setParentHeaderName(String parentHeaderName) {
		this.parentHeaderName = parentHeaderName;
	}

	public String getMdcKey() {
		return this.mdcKey;
	}

	public void setMdcKey(String mdcKey) {
		this.mdcKey = mdcKey;
	}

	public String getParentMdcKey() {
		return this.parentMdcKey;
	}

	public void setParentMdcKey(String parentMdcKey) {
		this.parentMdcKey = parentMdcKey;
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

	public Tracing getTracing() {
		return this.tracing;
	}

	public Mcp getMcp() {
		return this.mcp;
	}

	public Messaging getMessaging() {
		return this.messaging;
	}

	public Registry getRegistry() {
		return this.registry;

	}

	public Usage getUsage() {
		return this.usage;
	}

	public Dashboard getDashboard() {
		return this.dashboard;
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
			this.allowedHosts = new ArrayList<>(allowedHosts);
		}

	}

	/**
	 * How the run crosses the Model Context Protocol.
	 */
	public static final class Mcp {

		/**
		 * Whether MCP clients send the run with every request and MCP servers run tools,
		 * resources and prompts in the caller's run.
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
	 * How the run crosses message brokers (Kafka, RabbitMQ, JMS).
	 */
	public static final class Messaging {

		/**
		 * Whether message templates send the current run with every message and listeners
		 * run in the run of the message they receive.
		 */
		private boolean enabled = true;

		private final Jms jms = new Jms();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Jms getJms() {
			return this.jms;
		}

		/**
		 * How the run travels in JMS messages, whose property names must be Java
		 * identifiers that are no message selector words ({@code NULL}, {@code AND}, ...)
		 * and do not start with {@code JMS}.
		 */
		public static final class Jms {

			/**
			 * Name of the JMS message property that carries the run ID.
			 */
			private String propertyName = "runId";

			/**
			 * Name of the JMS message property that carries the parent run ID.
			 */
			private String parentPropertyName = "parentRunId";

			public String getPropertyName() {
				return this.propertyName;
			}

			public void setPropertyName(String propertyName) {
				this.propertyName = propertyName;
			}

			public String getParentPropertyName() {
				return this.parentPropertyName;
			}

			public void setParentPropertyName(String parentPropertyName) {
				this.parentPropertyName = parentPropertyName;
			}

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
		 * Whether to turn on Reactor's automatic context propagation, which restores the
		 * run at every operator, also where signals come from threads that run-id does
		 * not see (sinks fed by other threads, callbacks of non-Reactor libraries), at a
		 * cost per operator; 'false' (the default) leaves it to
		 * 'spring.reactor.context-propagation' and carries the run across thread hops
		 * only.
		 */
		private boolean automaticContextPropagation;

		public boolean isAutomaticContextPropagation() {
			return this.automaticContextPropagation;
		}

		public void setAutomaticContextPropagation(boolean automaticContextPropagation) {
			this.automaticContextPropagation = automaticContextPropagation;
		}

	}

	/**
	 * How the run shows up in observations, spans and baggage.
	 */
	public static final class Tracing {

		/**
		 * Whether every observation that completes while a run is current gets the
		 * high-cardinality key values 'run.id' and 'run.parent.id', and OpenTelemetry
		 * spans (starter and Java agent) the attributes of the same names, so that spans
		 * carry the run.
		 */
		private boolean enabled = true;

		private final Baggage baggage = new Baggage();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Baggage getBaggage() {
			return this.baggage;
		}

		/**
		 * How the run travels as W3C baggage.
		 */
		public static final class Baggage {

			/**
			 * Whether HTTP clients that forward the run also send it as the W3C baggage
			 * entry 'run.id'.
			 */
			private boolean enabled = false;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * How runs are recorded and looked up.
	 */
	public static final class Registry {

		/**
		 * Whether every run is recorded (one segment per run and process) for lookup by
		 * run ID.
		 */
		private boolean enabled = true;

		/**
		 * Where runs are recorded: 'memory' (bounded, this instance only) or 'jdbc'
		 * (shared by every instance that uses the same database).
		 */
		private Store store = Store.MEMORY;

		/**
		 * Whether to record the name of the request's principal (Spring Security) as the
		 * run's attribute 'user'.
		 */
		private boolean includePrincipal;

		private final Memory memory = new Memory();

		private final Jdbc jdbc = new Jdbc();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Store getStore() {
			return this.store;
		}

		public void setStore(Store store) {
			this.store = store;
		}

		public boolean isIncludePrincipal() {
			return this.includePrincipal;
		}

		public void setIncludePrincipal(boolean includePrincipal) {
			this.includePrincipal = includePrincipal;
		}

		public Memory getMemory() {
			return this.memory;
		}

		public Jdbc getJdbc() {
			return this.jdbc;
		}

		/**
		 * Where runs are recorded.
		 */
		public enum Store {

			/**
			 * In this process's memory.
			 */
			MEMORY,

			/**
			 * In the application's database.
			 */
			JDBC

		}

		/**
		 * The in-memory store.
		 */
		public static final class Memory {

			/**
			 * Number of runs the in-memory store keeps, from 1 to 16,777,216; the oldest
			 * finished runs are forgotten first.
			 */
			private int capacity = 1000;

			public int getCapacity() {
				return this.capacity;
			}

			public void setCapacity(int capacity) {
				this.capacity = capacity;
			}

		}

		/**
		 * The JDBC store.
		 */
		public static final class Jdbc {

			/**
			 * When to create the registry's tables: 'embedded' (embedded databases only),
			 * 'always' or 'never'.
			 */
			private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

			/**
			 * How long runs are kept, counted from their start; older ones are deleted in
			 * the background.
			 */
			private Duration retention = Duration.ofDays(7);

			/**
			 * Maximum number of segments waiting to be written; while the database is
			 * down or slow, further segments are dropped and counted.
			 */
			private int queueCapacity = 10_000;

			/**
			 * Pause between two background writes of the queued segments.
			 */
			private Duration flushInterval = Duration.ofMillis(250);

			public DatabaseInitializationMode getInitializeSchema() {
				return this.initializeSchema;
			}

			public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
				this.initializeSchema = initializeSchema;
			}

			public Duration getRetention() {
				return this.retention;
			}

			public void setRetention(Duration retention) {
				this.retention = retention;
			}

			public int getQueueCapacity() {
				return this.queueCapacity;
			}

			public void setQueueCapacity(int queueCapacity) {
				this.queueCapacity = queueCapacity;
			}

			public Duration getFlushInterval() {
				return this.flushInterval;
			}

			public void setFlushInterval(Duration flushInterval) {
				this.flushInterval = flushInterval;
			}

		}

	}

	/**
	 * The token usage of the LLM calls of a run.
	 */
	public static final class Usage {

		private final Log log = new Log();

		public Log getLog() {
			return this.log;
		}

		/**
		 * The line that sums up a run's usage when the run ends.
		 */
		public static final class Log {

			/**
			 * Whether to log 'run_usage llm_calls=.. input_tokens=.. output_tokens=..'
			 * when a run that made LLM calls ends in this process.
			 */
			private boolean enabled = true;

			public boolean isEnabled() {
				return this.enabled;
			}

			public void setEnabled(boolean enabled) {
				this.enabled = enabled;
			}

		}

	}

	/**
	 * The run dashboard that the application serves.
	 */
	public static final class Dashboard {

		/**
		 * Whether the application serves the run dashboard and its JSON resources under
		 * 'run-id.dashboard.path' (needs a RunRegistry); they show run data, so secure
		 * that path.
		 */
		private boolean enabled;

		/**
		 * Path under which the dashboard is served: starts with '/', has no trailing
		 * slash, and holds only letters, digits and '.', '_', '~', '-'.
		 */
		private String path = RunIdDashboard.DEFAULT_PATH;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

	}

}

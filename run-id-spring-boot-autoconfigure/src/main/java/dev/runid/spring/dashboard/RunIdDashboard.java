package dev.runid.spring.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.runid.RunId;
import dev.runid.spring.registry.RunPage;
import dev.runid.spring.registry.RunQuery;
import dev.runid.spring.registry.RunRecord;
import dev.runid.spring.registry.RunRegistry;
import dev.runid.spring.registry.RunStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run dashboard of one {@link RunRegistry}, whatever the web stack: its page, its
 * static files and the answers of its JSON resources ({@code api/runs} and
 * {@code api/runs/{id}}, the JSON of the {@code runs} actuator endpoint).
 * {@link RunIdDashboardMvcRoutes} and {@link RunIdDashboardWebFluxRoutes} serve it.
 * <p>
 * Thread-safe; the page and its files are read from the jar once, when it is created. Its
 * answers never fail: a bad parameter is a 400, an unknown run a 404, a registry that
 * cannot be read (a database that is down) a 503; untrusted input is never echoed.
 */
public final class RunIdDashboard {

	/**
	 * The default path of the dashboard: {@value}.
	 */
	public static final String DEFAULT_PATH = "/run-id";

	static final String STYLESHEET = "dashboard.css";

	static final String SCRIPT = "dashboard.js";

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; connect-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

	private static final Logger logger = LoggerFactory.getLogger(RunIdDashboard.class);

	private static final String STATIC = "dev/runid/spring/dashboard/static/";

	private final RunRegistry registry;

	private final String path;

	private final String page;

	private final String stylesheet;

	private final String script;

	/**
	 * Create the dashboard of a registry.
	 * @param registry the registry whose runs it shows
	 * @param path the path it is served under, as {@link #checkPath(String)} accepts it
	 */
	public RunIdDashboard(RunRegistry registry, String path) {
		this.registry = registry;
		this.path = checkPath(path);
		// relative links in the page resolve against the base, also on a run's own URL
		this.page = read("index.html").replace("{{base}}", this.path + "/");
		this.stylesheet = read(STYLESHEET);
		this.script = read(SCRIPT);
	}

	/**
	 * Check a dashboard path: it starts with {@code /}, has no trailing slash, and its
	 * segments hold only letters, digits and {@code . _ ~ -} (no {@code .} or {@code ..}
	 * segment), so that it can be written into the page and into route patterns as it is.
	 * @param path the path
	 * @return the path
	 * @throws IllegalArgumentException if the path breaks the rule
	 */
	public static String checkPath(@Nullable String path) {
		if (path == null || path.length() < 2 || path.charAt(0) != '/' || path.endsWith("/")) {
			throw new IllegalArgumentException(
					"The dashboard path must start with '/', name at least one segment and not end with '/'");
		}
		for (String segment : path.substring(1).split("/", -1)) {
			if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
				throw new IllegalArgumentException("The dashboard path must not have empty, '.' or '..' segments");
			}
			for (int i = 0; i < segment.length(); i++) {
				char c = segment.charAt(i);
				if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
						|| "._~-".indexOf(c) >= 0)) {
					throw new IllegalArgumentException(
							"The dashboard path may hold only letters, digits, '/', '.', '_', '~' and '-'");
				}
			}
		}
		return path;
	}

	/**
	 * The path the dashboard is served under.
	 * @return the path, without trailing slash
	 */
	public String path() {
		return this.path;
	}

	String page() {
		return this.page;
	}

	String stylesheet() {
		return this.stylesheet;
	}

	String script() {
		return this.script;
	}

	/**
	 * Answer {@code api/runs}: a page of runs, newest first.
	 * @param status the {@code status} parameter: a {@link RunStatus} name, or empty
	 * @param limit the {@code limit} parameter: 1 to {@value RunQuery#MAX_LIMIT}, or
	 * empty for {@value RunQuery#DEFAULT_LIMIT}
	 * @param cursor the {@code cursor} parameter, the {@code next} of the previous page
	 * @param search the {@code q} parameter: a run ID or the start of one
	 * @return the answer
	 */
	Answer runs(@Nullable String status, @Nullable String limit, @Nullable String cursor, @Nullable String search) {
		RunStatus runStatus = null;
		if (status != null && !status.isEmpty()) {
			try {
				runStatus = RunStatus.valueOf(status.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				return Answer.badRequest("status must be RUNNING, SUCCEEDED or FAILED");
			}
		}
		int size = RunQuery.DEFAULT_LIMIT;
		if (limit != null && !limit.isEmpty()) {
			try {
				size = Integer.parseInt(limit);
			}
			catch (NumberFormatException ex) {
				size = 0;
			}
			if (size < 1 || size > RunQuery.MAX_LIMIT) {
				return Answer.badRequest("limit must be 1 to " + RunQuery.MAX_LIMIT);
			}
		}
		String prefix = (search != null) ? search.strip() : "";
		if (!prefix.isEmpty() && !RunId.isValid(prefix)) {
			// no run ID starts with it, and the store never sees it
			return new Answer(200, RunIdDashboardJson.page(new RunPage(List.of(), null)));
		}
		RunQuery query = new RunQuery(runStatus, prefix.isEmpty() ? null : prefix, size,
				(cursor != null && !cursor.isEmpty()) ? cursor : null);
		RunPage page;
		try {
			page = this.registry.query(query);
		}
		catch (IllegalArgumentException ex) {
			// what a store throws for a cursor it did not write
			return Answer.badRequest("cursor is not one this registry wrote");
		}
		catch (RuntimeException ex) {
			return unavailable(ex);
		}
		return new Answer(200, RunIdDashboardJson.page(page));
	}

	/**
	 * Answer {@code api/runs/{id}}: the record of one run.
	 * @param id the run ID from the path
	 * @return the answer, 404 for a run the registry does not know
	 */
	Answer run(String id) {
		if (!RunId.isValid(id)) {
			return Answer.notFound();
		}
		Optional<RunRecord> run;
		try {
			run = this.registry.find(id);
		}
		catch (RuntimeException ex) {
			return unavailable(ex);
		}
		return run.map((found) -> new Answer(200, RunIdDashboardJson.record(found))).orElseGet(Answer::notFound);
	}

	private static Answer unavailable(RuntimeException ex) {
		logger.warn("The run dashboard could not read the run registry: {}", ex.toString());
		return new Answer(503, RunIdDashboardJson.error("the run registry could not be read"));
	}

	private static String read(String name) {
		try (InputStream in = RunIdDashboard.class.getClassLoader().getResourceAsStream(STATIC + name)) {
			if (in == null) {
				throw new IllegalStateException("The run dashboard's " + STATIC + name + " is missing from the jar");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * An answer of a JSON resource.
	 *
	 * @param status the HTTP status
	 * @param json the body
	 */
	record Answer(int status, String json) {

		static Answer badRequest(String message) {
			return new Answer(400, RunIdDashboardJson.error(message));
		}

		static Answer notFound() {
			return new Answer(404, RunIdDashboardJson.error("no such run"));
		}

	}

}

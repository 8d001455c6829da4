package dev.runid.spring.web.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.web.RunIdInboundResolver;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * Servlet filter that gives every request a run: read from the run header or minted,
 * echoed on the response and current ({@link RunContext}, MDC) for the whole request, on
 * every dispatch: request, async and error.
 * <p>
 * Register it for the {@code REQUEST}, {@code ASYNC} and {@code ERROR} dispatcher types
 * at {@link #ORDER}; the auto-configuration does.
 */
public final class RunIdServletFilter implements Filter {

	/**
	 * The order of the filter: {@link Ordered#HIGHEST_PRECEDENCE}, before Boot's
	 * observation filter ({@code HIGHEST_PRECEDENCE + 1}) and Spring Security's filter
	 * chain ({@code -100}), so that both see the request's run.
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	/**
	 * The request attribute that holds the request's {@link RunId}.
	 */
	public static final String RUN_ID_ATTRIBUTE = RunIdServletFilter.class.getName() + ".RUN_ID";

	private static final Log logger = LogFactory.getLog(RunIdServletFilter.class);

	private final RunIdInboundResolver resolver;

	private final boolean echo;

	/**
	 * Create a filter.
	 * @param resolver resolves the run of a request from its headers
	 * @param echo whether to echo the run header on responses
	 */
	public RunIdServletFilter(RunIdInboundResolver resolver, boolean echo) {
		this.resolver = resolver;
		this.echo = echo;
	}

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest httpRequest && response instanceof HttpServletResponse httpResponse) {
			doFilter(httpRequest, httpResponse, chain);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	/**
	 * Every dispatch of a request (request, async, error, and a nested one) finds the run
	 * in the request attribute that the first one set, so the request keeps one run and
	 * no extra "already filtered" bookkeeping is needed.
	 */
	private void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		RunId runId = (RunId) request.getAttribute(RUN_ID_ATTRIBUTE);
		boolean initial = (runId == null);
		if (runId == null) {
			RunIdInboundResolver.Resolution resolution = resolve(request);
			runId = resolution.runId();
			request.setAttribute(RUN_ID_ATTRIBUTE, runId);
			echo(response, runId);
			if (resolution.rejected()) {
				reject(request, response, resolution);
				return;
			}
		}
		else {
			echo(response, runId);
		}
		RunContext scope = RunContext.enter(runId);
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException | Error ex) {
			logFailure(request, runId, ex);
			throw ex;
		}
		finally {
			// held before the scope closes, so run-scoped beans survive until the
			// async dispatch
			if (initial && request.isAsyncStarted()) {
				holdUntilAsyncCompletes(request, runId);
			}
			scope.close();
		}
	}

	private RunIdInboundResolver.Resolution resolve(HttpServletRequest request) {
		Enumeration<String> values = request.getHeaders(this.resolver.headerName());
		String value = (values != null && values.hasMoreElements()) ? values.nextElement() : null;
		boolean repeated = value != null && values.hasMoreElements();
		Enumeration<String> parents = request.getHeaders(this.resolver.parentHeaderName());
		String parent = (parents != null && parents.hasMoreElements()) ? parents.nextElement() : null;
		boolean parentRepeated = parent != null && parents.hasMoreElements();
		return this.resolver.resolve(value, repeated, parent, parentRepeated);
	}

	private void echo(HttpServletResponse response, RunId runId) {
		if (this.echo && !response.isCommitted() && !response.containsHeader(this.resolver.headerName())) {
			response.setHeader(this.resolver.headerName(), runId.value());
		}
	}

	private void reject(HttpServletRequest request, HttpServletResponse response,
			RunIdInboundResolver.Resolution resolution) throws IOException {
		byte[] body = resolution.problemBody(request.getRequestURI()).getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType("application/problem+json");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		response.flushBuffer();
	}

	private void logFailure(HttpServletRequest request, RunId runId, Throwable ex) {
		// logged here, while the run is still in the MDC: the container logs it
		// again, but outside this filter
		logger.error("Request " + request.getMethod() + " " + request.getRequestURI() + " of run " + runId + " failed",
				ex);
	}

	/**
	 * Keep the run active for {@code @RunScoped} beans until the async request ends.
	 */
	private void holdUntilAsyncCompletes(HttpServletRequest request, RunId runId) {
		RunContext.Hold hold = RunContext.hold(runId);
		request.getAsyncContext().addListener(new AsyncListener() {

			@Override
			public void onComplete(AsyncEvent event) {
				hold.close();
			}

			@Override
			public void onTimeout(AsyncEvent event) {
			}

			@Override
			public void onError(AsyncEvent event) {
			}

			@Override
			public void onStartAsync(AsyncEvent event) {
				event.getAsyncContext().addListener(this);
			}

		});
	}

	/**
	 * The run of a request that went through this filter.
	 * @param request the request
	 * @return the run, or {@code null}
	 */
	public static @Nullable RunId runIdOf(HttpServletRequest request) {
		return (RunId) request.getAttribute(RUN_ID_ATTRIBUTE);
	}

}

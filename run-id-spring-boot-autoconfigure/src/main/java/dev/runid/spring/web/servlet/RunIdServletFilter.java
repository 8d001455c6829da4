package dev.runid.spring.web.servlet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.registry.ActiveSegment;
import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.web.HttpSegmentNames;
import dev.runid.spring.web.RecordedHttpMethod;
import dev.runid.spring.web.RunIdInboundResolver;
import dev.runid.spring.web.RunIdRequestAttributes;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
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
 * every dispatch: request, async and error. With a {@link RunRecorder}, the request's
 * segment is of kind {@code http}, named after the method and the matched route template
 * ({@code GET /orders/{id}}, or {@code GET unmatched} when no route matched), with the
 * answered status, and failed by an unhandled exception or a 5xx answer.
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
	 * @deprecated use {@link RunIdRequestAttributes#RUN_ID}, which code outside the
	 * servlet stack can read too
	 */
	@Deprecated(since = "0.1.0")
	public static final String RUN_ID_ATTRIBUTE = RunIdRequestAttributes.RUN_ID;

	private static final String HTTP_KIND = "http";

	private static final Log logger = LogFactory.getLog(RunIdServletFilter.class);

	private static final String MATCHED_PATTERN_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

	private static final String SEGMENT_ATTRIBUTE = RunIdServletFilter.class.getName() + ".SEGMENT";

	private static final String RESOLVED_EXCEPTION_ATTRIBUTE = "org.springframework.web.servlet.DispatcherServlet.EXCEPTION";

	private final RunIdInboundResolver resolver;

	private final boolean echo;

	private final @Nullable RunRecorder recorder;

	private final HttpSegmentNames segmentNames = new HttpSegmentNames();

	/**
	 * Create a filter.
	 * @param resolver resolves the run of a request from its headers
	 * @param echo whether to echo the run header on responses
	 */
	public RunIdServletFilter(RunIdInboundResolver resolver, boolean echo) {
		this(resolver, echo, null);
	}

	/**
	 * Create a filter that records each request's segment.
	 * @param resolver resolves the run of a request from its headers
	 * @param echo whether to echo the run header on responses
	 * @param recorder records the segment of each request, or {@code null}
	 */
	public RunIdServletFilter(RunIdInboundResolver resolver, boolean echo, @Nullable RunRecorder recorder) {
		this.resolver = resolver;
		this.echo = echo;
		this.recorder = recorder;
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
		RunId runId = (RunId) request.getAttribute(RunIdRequestAttributes.RUN_ID);
		boolean initial = (runId == null);
		RunHeaders headers = RunHeaders.of(request, this.resolver);
		if (runId == null) {
			RunIdInboundResolver.Resolution resolution = this.resolver.resolve(headers.value(), headers.repeated(),
					headers.parent(), headers.parentRepeated());
			runId = resolution.runId();
			request.setAttribute(RunIdRequestAttributes.RUN_ID, runId);
			echo(response, runId);
			if (resolution.rejected()) {
				reject(request, response, resolution);
				return;
			}
		}
		else {
			echo(response, runId);
		}
		if (!RunIdInboundResolver.carries(runId, headers.value(), headers.repeated(), headers.parent(),
				headers.parentRepeated())) {
			// what reads or copies the run headers after this filter (a controller, a
			// gateway, a proxy) sees the run, never a minted-over, replaced or ignored
			// value; checked on every dispatch, as an async or error dispatch gets the
			// container's request rather than this wrapper
			request = new RunHeadersRequestWrapper(request, this.resolver.headerName(),
					this.resolver.parentHeaderName(), runId);
		}
		RunRecorder recorder = this.recorder;
		ActiveSegment segment = null;
		RunContext scope;
		if (recorder == null) {
			scope = RunContext.enter(runId);
		}
		else if (initial) {
			if (recorder.records(request.getRequestURI(), request.getContextPath().length())) {
				recorder.announce(runId, HTTP_KIND, RecordedHttpMethod.of(request.getMethod()));
			}
			else {
				recorder.skip(runId);
			}
			scope = RunContext.enter(runId);
			segment = recorder.claim(runId);
			if (segment != null) {
				request.setAttribute(SEGMENT_ATTRIBUTE, segment);
			}
		}
		else {
			scope = enterAgain(recorder, request, runId);
			if (request.getDispatcherType() == DispatcherType.ERROR
					&& request.getAttribute(SEGMENT_ATTRIBUTE) instanceof ActiveSegment started
					&& recorder.segment(runId) == started) {
				errorDispatch(request, response, chain, runId, scope, started);
				return;
			}
		}
		Throwable failure = null;
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | IOException | RuntimeException | Error ex) {
			failure = ex;
			logFailure(request, runId, ex);
			throw ex;
		}
		finally {
			if (segment != null && HTTP_KIND.equals(segment.kind())) {
				// named now: an error dispatch later matches the error page's route; a
				// segment that what the request carried described (an MCP tool call)
				// keeps its name
				segment
					.name(this.segmentNames.of(request.getMethod(), request.getAttribute(MATCHED_PATTERN_ATTRIBUTE)));
			}
			// held before the scope closes, so run-scoped beans survive until the
			// async dispatch
			if (initial && request.isAsyncStarted()) {
				holdUntilAsyncCompletes(request, runId, segment);
			}
			else if (segment != null) {
				finish(segment, request, response, failure);
			}
			scope.close();
		}
	}

	/**
	 * Enter the run for a later dispatch: an error dispatch after the request dispatch
	 * ended continues the request's segment rather than starting one.
	 */
	private static RunContext enterAgain(RunRecorder recorder, HttpServletRequest request, RunId runId) {
		if (request.getAttribute(SEGMENT_ATTRIBUTE) instanceof ActiveSegment started) {
			recorder.resume(started);
			RunContext scope = RunContext.enter(runId);
			recorder.claim(runId);
			return scope;
		}
		return RunContext.enter(runId);
	}

	/**
	 * The error dispatch of a request whose segment this filter recorded: the segment
	 * takes the status of the error page's answer.
	 */
	private void errorDispatch(HttpServletRequest request, HttpServletResponse response, FilterChain chain, RunId runId,
			RunContext scope, ActiveSegment segment) throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
			segment.httpStatus(response.getStatus());
		}
		catch (ServletException | IOException | RuntimeException | Error ex) {
			logFailure(request, runId, ex);
			segment.failed(unwrap(ex));
			segment.httpStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
			throw ex;
		}
		finally {
			scope.close();
		}
	}

	/**
	 * Record how the request ended: an exception that left the filter is answered with
	 * 500 by the container; a 5xx answer fails the segment, with the exception that a
	 * handler resolved into it, if Spring MVC exposed one.
	 */
	private static void finish(ActiveSegment segment, HttpServletRequest request, HttpServletResponse response,
			@Nullable Throwable failure) {
		if (failure != null) {
			segment.failed(unwrap(failure));
			segment.httpStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
			return;
		}
		int status = response.getStatus();
		if (status >= 500 && request.getAttribute(RESOLVED_EXCEPTION_ATTRIBUTE) instanceof Throwable resolved) {
			segment.failed(resolved);
		}
		segment.httpStatus(status);
	}

	/**
	 * The exception a handler threw, rather than the servlet exception that carries it.
	 */
	private static Throwable unwrap(Throwable failure) {
		Throwable cause = failure;
		while (cause instanceof ServletException && cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	/**
	 * The run headers of a request, as read once per dispatch.
	 */
	private record RunHeaders(@Nullable String value, boolean repeated, @Nullable String parent,
			boolean parentRepeated) {

		static RunHeaders of(HttpServletRequest request, RunIdInboundResolver resolver) {
			Enumeration<String> values = request.getHeaders(resolver.headerName());
			String value = (values != null && values.hasMoreElements()) ? values.nextElement() : null;
			boolean repeated = value != null && values.hasMoreElements();
			Enumeration<String> parents = request.getHeaders(resolver.parentHeaderName());
			String parent = (parents != null && parents.hasMoreElements()) ? parents.nextElement() : null;
			boolean parentRepeated = parent != null && parents.hasMoreElements();
			return new RunHeaders(value, repeated, parent, parentRepeated);
		}

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
	private void holdUntilAsyncCompletes(HttpServletRequest request, RunId runId, @Nullable ActiveSegment segment) {
		RunContext.Hold hold = RunContext.hold(runId);
		request.getAsyncContext().addListener(new AsyncListener() {

			private @Nullable Throwable failure;

			@Override
			public void onComplete(AsyncEvent event) {
				try {
					if (segment != null && event.getSuppliedResponse() instanceof HttpServletResponse response) {
						finish(segment, request, response, this.failure);
					}
				}
				finally {
					hold.close();
				}
			}

			@Override
			public void onTimeout(AsyncEvent event) {
			}

			@Override
			public void onError(AsyncEvent event) {
				if (this.failure == null) {
					this.failure = event.getThrowable();
				}
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
		return (RunId) request.getAttribute(RunIdRequestAttributes.RUN_ID);
	}

}

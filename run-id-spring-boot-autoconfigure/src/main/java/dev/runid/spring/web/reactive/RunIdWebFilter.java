package dev.runid.spring.web.reactive;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import dev.runid.spring.reactor.RunIdReactor;
import dev.runid.spring.reactor.RunIdSchedulerHook;
import dev.runid.spring.registry.ActiveSegment;
import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.web.HttpSegmentNames;
import dev.runid.spring.web.RecordedHttpMethod;
import dev.runid.spring.web.RunIdInboundResolver;
import dev.runid.spring.web.RunIdRequestAttributes;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * {@link WebFilter} that gives every request a run: read from the run header or minted,
 * echoed on the response, written into the Reactor {@code Context} of the request's
 * pipeline under {@link RunIdThreadLocalAccessor#KEY}, and made current
 * ({@link RunContext}, MDC) while the chain is subscribed and requested from
 * ({@link RunIdReactor#run}) and where the request body's signals arrive; with the
 * {@link RunIdSchedulerHook} the run follows the pipeline across Reactor's schedulers.
 * When Reactor's automatic context propagation is on, Reactor restores the run from the
 * {@code Context} at every operator, and the filter only holds the run and writes it into
 * the {@code Context}.
 * <p>
 * The run stays active for {@code @RunScoped} beans until the pipeline completes, fails
 * or is cancelled. The auto-configuration registers the filter at {@link #ORDER}.
 * <p>
 * With a {@link RunRecorder}, the request's segment is of kind {@code http}, named after
 * the method and the matched route template ({@code GET /orders/{id}}, or
 * {@code GET unmatched} when no route matched), with the answered status, and failed by
 * an error that leaves the filter chain with a 5xx status or a 5xx answer. A request
 * cancelled by its client ends its segment without a status.
 */
public final class RunIdWebFilter implements WebFilter, Ordered {

	/**
	 * The order of the filter: {@link Ordered#HIGHEST_PRECEDENCE}, before Spring
	 * Security's {@code WebFilterChainProxy} ({@code -100}) and every other filter, so
	 * that they all see the request's run. (Boot's server observation starts in the
	 * {@code HttpHandler}, around all filters.)
	 */
	public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

	/**
	 * The exchange attribute that holds the request's {@link RunId}.
	 * @deprecated use {@link RunIdRequestAttributes#RUN_ID}, which code outside the
	 * reactive stack can read too
	 */
	@Deprecated(since = "0.1.0")
	public static final String RUN_ID_ATTRIBUTE = RunIdRequestAttributes.RUN_ID;

	private static final Log logger = LogFactory.getLog(RunIdWebFilter.class);

	private static final String HTTP_KIND = "http";

	private static final String MATCHED_PATTERN_ATTRIBUTE = "org.springframework.web.reactive.HandlerMapping.bestMatchingPattern";

	private final RunIdInboundResolver resolver;

	private final boolean echo;

	private final @Nullable RunRecorder recorder;

	private final HttpSegmentNames segmentNames = new HttpSegmentNames();

	/**
	 * Create a filter.
	 * @param resolver resolves the run of a request from its headers
	 * @param echo whether to echo the run header on responses
	 */
	public RunIdWebFilter(RunIdInboundResolver resolver, boolean echo) {
		this(resolver, echo, null);
	}

	/**
	 * Create a filter that records each request's segment.
	 * @param resolver resolves the run of a request from its headers
	 * @param echo whether to echo the run header on responses
	 * @param recorder records the segment of each request, or {@code null}
	 */
	public RunIdWebFilter(RunIdInboundResolver resolver, boolean echo, @Nullable RunRecorder recorder) {
		this.resolver = resolver;
		this.echo = echo;
		this.recorder = recorder;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		List<String> values = headers.get(this.resolver.headerName());
		List<String> parents = headers.get(this.resolver.parentHeaderName());
		String value = first(values);
		boolean repeated = values != null && values.size() > 1;
		String parent = first(parents);
		boolean parentRepeated = parents != null && parents.size() > 1;
		RunIdInboundResolver.Resolution resolution = this.resolver.resolve(value, repeated, parent, parentRepeated);
		RunId runId = resolution.runId();
		exchange.getAttributes().put(RunIdRequestAttributes.RUN_ID, runId);
		if (this.echo) {
			// set now rather than before commit: error handlers outside the filter chain
			// keep the response headers, and nothing can commit before this
			exchange.getResponse().getHeaders().set(this.resolver.headerName(), runId.value());
		}
		if (resolution.rejected()) {
			return reject(exchange, resolution);
		}
		ServerWebExchange runExchange = withRunOnBody(
				RunIdInboundResolver.carries(runId, value, repeated, parent, parentRepeated) ? exchange
						: carryingRun(exchange, runId),
				runId);
		RunRecorder recorder = this.recorder;
		if (recorder == null) {
			return RunIdReactor.run(runId,
					() -> chain.filter(runExchange).doOnError((ex) -> logFailure(runExchange, runId, ex)));
		}
		String method = RecordedHttpMethod.of(exchange.getRequest().getMethod().name());
		String uri = exchange.getRequest().getPath().value();
		boolean records = recorder.records(uri, exchange.getRequest().getPath().contextPath().value().length());
		// announced on subscription, right before RunIdReactor holds the run and so
		// starts the segment: the subscription may come later than this call, or on
		// another thread, and the announcement is one per thread
		return Mono.defer(() -> {
			if (records) {
				recorder.announce(runId, HTTP_KIND, method);
			}
			else {
				recorder.skip(runId);
			}
			return RunIdReactor.run(runId, () -> {
				ActiveSegment segment = recorder.claim(runId);
				Mono<Void> filtered = chain.filter(runExchange).doOnError((ex) -> logFailure(runExchange, runId, ex));
				return (segment != null) ? recorded(filtered, runExchange, segment) : filtered;
			});
		});
	}

	/**
	 * Record how the request ended, before {@link RunIdReactor} releases the run and so
	 * ends the segment.
	 */
	private Mono<Void> recorded(Mono<Void> filtered, ServerWebExchange exchange, ActiveSegment segment) {
		return filtered.doOnSuccess((done) -> {
			name(segment, exchange);
			HttpStatusCode status = exchange.getResponse().getStatusCode();
			segment.httpStatus((status != null) ? status.value() : HttpStatus.OK.value());
		}).doOnError((ex) -> {
			name(segment, exchange);
			int status = statusOf(ex);
			if (status >= 500) {
				segment.failed(ex);
			}
			segment.httpStatus(status);
		}).doOnCancel(() -> name(segment, exchange));
	}

	private void name(ActiveSegment segment, ServerWebExchange exchange) {
		if (!HTTP_KIND.equals(segment.kind())) {
			// what the request carried described it, such as an MCP tool call
			return;
		}
		segment.name(this.segmentNames.of(exchange.getRequest().getMethod().name(),
				exchange.getAttribute(MATCHED_PATTERN_ATTRIBUTE)));
	}

	/**
	 * The status that Spring answers an error with: that of an {@link ErrorResponse} or
	 * of {@link ResponseStatus}, else 500.
	 */
	private static int statusOf(Throwable ex) {
		if (ex instanceof ErrorResponse response) {
			return response.getStatusCode().value();
		}
		ResponseStatus status = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
		return (status != null) ? status.code().value() : HttpStatus.INTERNAL_SERVER_ERROR.value();
	}

	/**
	 * Make the run current where the request body's signals arrive (on the connection's
	 * thread), so that decoding and the handler invoked after it see the run: on the
	 * request's body and on the exchange's form data and multipart data, which read the
	 * body of the request the exchange was created with. Requests that announce no body
	 * are left as they are.
	 */
	private static ServerWebExchange withRunOnBody(ServerWebExchange exchange, RunId runId) {
		ServerHttpRequest request = exchange.getRequest();
		HttpHeaders headers = request.getHeaders();
		if (headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			return exchange;
		}
		ServerWebExchange withBody = exchange.mutate().request(new ServerHttpRequestDecorator(request) {

			@Override
			public Flux<DataBuffer> getBody() {
				return RunIdReactor.restore(super.getBody(), runId);
			}

		}).build();
		return new ServerWebExchangeDecorator(withBody) {

			@Override
			public Mono<MultiValueMap<String, String>> getFormData() {
				return RunIdReactor.restore(super.getFormData(), runId);
			}

			@Override
			public Mono<MultiValueMap<String, Part>> getMultipartData() {
				return RunIdReactor.restore(super.getMultipartData(), runId);
			}

		};
	}

	/**
	 * The exchange with the run in the request's run headers, so that what reads or
	 * copies them after this filter (a controller, a gateway, a proxy) sees the run,
	 * never a minted-over, replaced or ignored value.
	 */
	private ServerWebExchange carryingRun(ServerWebExchange exchange, RunId runId) {
		if (ReactorNettyRunHeaders.write(exchange.getRequest(), this.resolver.headerName(),
				this.resolver.parentHeaderName(), runId)) {
			return exchange;
		}
		RunId parent = runId.parent().orElse(null);
		return exchange.mutate().request((request) -> request.headers((headers) -> {
			headers.set(this.resolver.headerName(), runId.value());
			if (parent != null) {
				headers.set(this.resolver.parentHeaderName(), parent.value());
			}
			else {
				headers.remove(this.resolver.parentHeaderName());
			}
		})).build();
	}

	private static @Nullable String first(@Nullable List<String> values) {
		return (values != null && !values.isEmpty()) ? values.get(0) : null;
	}

	private Mono<Void> reject(ServerWebExchange exchange, RunIdInboundResolver.Resolution resolution) {
		ServerHttpResponse response = exchange.getResponse();
		byte[] body = resolution.problemBody(exchange.getRequest().getPath().value()).getBytes(StandardCharsets.UTF_8);
		response.setStatusCode(HttpStatus.BAD_REQUEST);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		response.getHeaders().setContentLength(body.length);
		return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
	}

	private void logFailure(ServerWebExchange exchange, RunId runId, Throwable ex) {
		if (!isServerError(ex)) {
			return;
		}
		// logged here, where the run is current: Boot's error handler logs it again, but
		// outside this filter's pipeline
		ServerHttpRequest request = exchange.getRequest();
		logger.error(
				"Request " + request.getMethod() + " " + request.getPath().value() + " of run " + runId + " failed",
				ex);
	}

	private static boolean isServerError(Throwable ex) {
		return statusOf(ex) >= 500;
	}

	/**
	 * The run of a request that went through this filter.
	 * @param exchange the exchange
	 * @return the run, or {@code null}
	 */
	public static @Nullable RunId runIdOf(ServerWebExchange exchange) {
		return exchange.getAttribute(RunIdRequestAttributes.RUN_ID);
	}

}

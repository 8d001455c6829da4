package dev.runid.spring.ai.mcp;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import dev.runid.spring.reactor.RunIdReactor;
import dev.runid.spring.registry.ActiveSegment;
import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.web.RunIdInboundResolver;
import io.modelcontextprotocol.server.McpAsyncServerExchange;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Makes the tools, resources, resource templates and prompts of an MCP server run in the
 * caller's run: its handlers, decorated here, make that run current ({@link RunContext},
 * MDC, {@code @RunScoped} beans) for the call and leave the thread as they found it.
 * <p>
 * The caller's run is taken from the request's {@code _meta} ({@link RunIdMcpMeta})
 * first, validated like an inbound header by a {@link RunIdInboundResolver} for the
 * {@code _meta} keys (an invalid value is replaced, or the request rejected with
 * {@code -32602} when invalid values are rejected, and logged escaped); else it is the
 * run already current where the request arrived, which the servlet filter or WebFilter
 * took from the HTTP header; else the call gets a new run (STDIO, or a request without
 * either). Immutable and thread-safe.
 * <p>
 * With the run registry, a call that makes its run active in this process (STDIO, or a
 * {@code _meta} run other than the HTTP request's) records a segment of kind
 * {@value #SEGMENT_KIND} named after the tool, the resource's URI or the prompt; a call
 * whose run the HTTP request made active already describes that request's {@code http}
 * segment so (kind {@value #SEGMENT_KIND}, the tool's name), as the request carried
 * nothing but the call.
 */
public final class RunIdMcpServerSpecifications {

	/**
	 * The kind of the registry segments of MCP calls.
	 */
	public static final String SEGMENT_KIND = "mcp";

	private static final String HTTP_KIND = "http";

	private final RunIdInboundResolver metaResolver;

	private final Supplier<@Nullable RunRecorder> recorder;

	/**
	 * Create the decorator, without registry segments.
	 * @param metaResolver resolves the run from the {@code _meta} values: its header
	 * names are {@link RunIdMcpMeta#RUN_ID_KEY} and
	 * {@link RunIdMcpMeta#PARENT_RUN_ID_KEY}
	 */
	public RunIdMcpServerSpecifications(RunIdInboundResolver metaResolver) {
		this(metaResolver, () -> null);
	}

	/**
	 * Create the decorator.
	 * @param metaResolver resolves the run from the {@code _meta} values: its header
	 * names are {@link RunIdMcpMeta#RUN_ID_KEY} and
	 * {@link RunIdMcpMeta#PARENT_RUN_ID_KEY}
	 * @param recorder supplies the recorder of registry segments, or {@code null} when
	 * runs are not recorded
	 */
	public RunIdMcpServerSpecifications(RunIdInboundResolver metaResolver, Supplier<@Nullable RunRecorder> recorder) {
		this.metaResolver = metaResolver;
		this.recorder = recorder;
	}

	/**
	 * Decorate a specification of a tool, resource, resource template or prompt of a
	 * synchronous or asynchronous server; return anything else, or a specification
	 * decorated already, as it is.
	 * @param specification the specification
	 * @return the decorated specification, or {@code specification}
	 */
	public Object decorate(Object specification) {
		if (specification instanceof McpServerFeatures.SyncToolSpecification tool
				&& !(tool.callHandler() instanceof InRun)) {
			return new McpServerFeatures.SyncToolSpecification(tool.tool(),
					new SyncInRun<>(tool.tool().name(), tool.callHandler(), McpSchema.CallToolRequest::meta));
		}
		if (specification instanceof McpServerFeatures.AsyncToolSpecification tool
				&& !(tool.callHandler() instanceof InRun)) {
			return new McpServerFeatures.AsyncToolSpecification(tool.tool(),
					new AsyncInRun<>(tool.tool().name(), tool.callHandler(), McpSchema.CallToolRequest::meta));
		}
		if (specification instanceof McpServerFeatures.SyncResourceSpecification resource
				&& !(resource.readHandler() instanceof InRun)) {
			return new McpServerFeatures.SyncResourceSpecification(resource.resource(), new SyncInRun<>(
					resource.resource().uri(), resource.readHandler(), McpSchema.ReadResourceRequest::meta));
		}
		if (specification instanceof McpServerFeatures.AsyncResourceSpecification resource
				&& !(resource.readHandler() instanceof InRun)) {
			return new McpServerFeatures.AsyncResourceSpecification(resource.resource(), new AsyncInRun<>(
					resource.resource().uri(), resource.readHandler(), McpSchema.ReadResourceRequest::meta));
		}
		if (specification instanceof McpServerFeatures.SyncResourceTemplateSpecification template
				&& !(template.readHandler() instanceof InRun)) {
			return new McpServerFeatures.SyncResourceTemplateSpecification(template.resourceTemplate(),
					new SyncInRun<>(template.resourceTemplate().uriTemplate(), template.readHandler(),
							McpSchema.ReadResourceRequest::meta));
		}
		if (specification instanceof McpServerFeatures.AsyncResourceTemplateSpecification template
				&& !(template.readHandler() instanceof InRun)) {
			return new McpServerFeatures.AsyncResourceTemplateSpecification(template.resourceTemplate(),
					new AsyncInRun<>(template.resourceTemplate().uriTemplate(), template.readHandler(),
							McpSchema.ReadResourceRequest::meta));
		}
		if (specification instanceof McpServerFeatures.SyncPromptSpecification prompt
				&& !(prompt.promptHandler() instanceof InRun)) {
			return new McpServerFeatures.SyncPromptSpecification(prompt.prompt(),
					new SyncInRun<>(prompt.prompt().name(), prompt.promptHandler(), McpSchema.GetPromptRequest::meta));
		}
		if (specification instanceof McpServerFeatures.AsyncPromptSpecification prompt
				&& !(prompt.promptHandler() instanceof InRun)) {
			return new McpServerFeatures.AsyncPromptSpecification(prompt.prompt(),
					new AsyncInRun<>(prompt.prompt().name(), prompt.promptHandler(), McpSchema.GetPromptRequest::meta));
		}
		return specification;
	}

	/**
	 * The run of a request.
	 * @param meta the request's {@code _meta}
	 * @param current the run current where the request arrived, or {@code null}
	 * @return the run
	 * @throws McpError if the {@code _meta} run is invalid and invalid values are
	 * rejected
	 */
	RunId resolve(@Nullable Map<String, Object> meta, @Nullable RunId current) {
		String value = RunIdMcpMeta.value(meta, RunIdMcpMeta.RUN_ID_KEY);
		if (value == null) {
			return (current != null) ? current : this.metaResolver.generate();
		}
		RunIdInboundResolver.Resolution resolution = this.metaResolver.resolve(value, false,
				RunIdMcpMeta.value(meta, RunIdMcpMeta.PARENT_RUN_ID_KEY), false);
		if (resolution.rejected()) {
			throw McpError.builder(McpSchema.ErrorCodes.INVALID_PARAMS)
				.message("Invalid _meta " + resolution.rejectedHeader() + ": " + RunId.RULE)
				.build();
		}
		return resolution.runId();
	}

	/**
	 * A handler that runs in the caller's run.
	 */
	private interface InRun {

	}

	private @Nullable RunRecorder announce(RunId runId, String name) {
		RunRecorder recorder = this.recorder.get();
		if (recorder != null) {
			recorder.announce(runId, SEGMENT_KIND, name);
		}
		return recorder;
	}

	/**
	 * Claim the segment of a call: when the run was active already because the HTTP
	 * request that carries the call made it so, that request's segment is the call's, so
	 * it is described as the call (one JSON-RPC message per request).
	 */
	private static void claim(RunRecorder recorder, RunId runId, String name) {
		if (recorder.claim(runId) == null) {
			ActiveSegment segment = recorder.segment(runId);
			if (segment != null && HTTP_KIND.equals(segment.kind())) {
				segment.describe(SEGMENT_KIND, name);
			}
		}
	}

	private final class SyncInRun<X, R, T> implements BiFunction<X, R, T>, InRun {

		private final String name;

		private final BiFunction<X, R, T> handler;

		private final java.util.function.Function<R, @Nullable Map<String, Object>> meta;

		SyncInRun(String name, BiFunction<X, R, T> handler,
				java.util.function.Function<R, @Nullable Map<String, Object>> meta) {
			this.name = name;
			this.handler = handler;
			this.meta = meta;
		}

		@Override
		public T apply(X exchange, R request) {
			RunId runId = resolve(this.meta.apply(request), RunContext.current().orElse(null));
			RunRecorder recorder = announce(runId, this.name);
			try (RunContext scope = RunContext.enter(runId)) {
				if (recorder != null) {
					claim(recorder, runId, this.name);
				}
				return this.handler.apply(exchange, request);
			}
		}

	}

	private final class AsyncInRun<X, R, T> implements BiFunction<X, R, Mono<T>>, InRun {

		private final String name;

		private final BiFunction<X, R, Mono<T>> handler;

		private final java.util.function.Function<R, @Nullable Map<String, Object>> meta;

		AsyncInRun(String name, BiFunction<X, R, Mono<T>> handler,
				java.util.function.Function<R, @Nullable Map<String, Object>> meta) {
			this.name = name;
			this.handler = handler;
			this.meta = meta;
		}

		@Override
		public Mono<T> apply(X exchange, R request) {
			return Mono.deferContextual((context) -> {
				RunId current = (context.getOrDefault(RunIdThreadLocalAccessor.KEY, null) instanceof RunId run) ? run
						: RunContext.current().orElse(null);
				RunId runId = resolve(this.meta.apply(request), current);
				// RunIdReactor.run enters the run on this thread when subscribed, right
				// after
				RunRecorder recorder = announce(runId, this.name);
				Supplier<Mono<T>> call = () -> {
					if (recorder != null) {
						claim(recorder, runId, this.name);
					}
					return this.handler.apply(exchange, request);
				};
				return RunIdReactor.run(runId, call);
			});
		}

	}

}

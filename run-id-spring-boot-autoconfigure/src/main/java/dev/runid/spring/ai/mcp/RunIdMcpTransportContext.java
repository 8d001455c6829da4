package dev.runid.spring.ai.mcp;

import java.util.Map;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import io.modelcontextprotocol.common.McpTransportContext;
import org.jspecify.annotations.Nullable;
import reactor.util.context.ContextView;

/**
 * Where an MCP client finds the run of a request it sends. The SDK sends on threads of
 * its own, so the run travels in the Reactor {@code Context} of the request: as an entry
 * of the {@link McpTransportContext} that a synchronous client captures on the calling
 * thread (see {@link RunIdMcpSyncClientCustomizer}), or as the run-id entry that
 * {@code RunIdReactor} and context propagation put there for an asynchronous client.
 * Stateless and thread-safe.
 */
public final class RunIdMcpTransportContext {

	private RunIdMcpTransportContext() {
	}

	/**
	 * The transport context of a request sent on the calling thread: the current run, if
	 * any, under {@link RunIdThreadLocalAccessor#KEY}.
	 * @return the context, {@link McpTransportContext#EMPTY} outside a run
	 */
	public static McpTransportContext capture() {
		RunId runId = RunContext.current().orElse(null);
		return (runId != null) ? McpTransportContext.create(Map.of(RunIdThreadLocalAccessor.KEY, runId))
				: McpTransportContext.EMPTY;
	}

	/**
	 * The run of a request: from its transport context, else from the run-id entry of its
	 * Reactor context, else the run current on this thread.
	 * @param transportContext the request's transport context, or {@code null} to look it
	 * up in {@code context}
	 * @param context the request's Reactor context
	 * @return the run, or {@code null} if the request is sent outside a run
	 */
	public static @Nullable RunId runOf(@Nullable McpTransportContext transportContext, ContextView context) {
		McpTransportContext transport = (transportContext != null) ? transportContext
				: context.getOrDefault(McpTransportContext.KEY, null);
		if (transport != null && transport.get(RunIdThreadLocalAccessor.KEY) instanceof RunId runId) {
			return runId;
		}
		if (context.getOrDefault(RunIdThreadLocalAccessor.KEY, null) instanceof RunId runId) {
			return runId;
		}
		return RunContext.current().orElse(null);
	}

}

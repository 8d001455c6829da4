package dev.runid.spring.ai.mcp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.runid.RunId;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

/**
 * An MCP client transport that adds the run of every request it sends to the request's
 * {@code _meta} ({@link RunIdMcpMeta}), on any transport, STDIO included, and otherwise
 * leaves everything to the transport it decorates. A {@code _meta} key the request sets
 * itself wins. The run is that of the request's Reactor context
 * ({@link RunIdMcpTransportContext#runOf}). Thread-safe if the decorated transport is.
 * <p>
 * The MCP Java SDK has no hook for the parameters of outgoing requests, so this decorates
 * the transports that Spring AI's MCP client starter builds.
 */
public final class RunIdMcpClientTransport implements McpClientTransport {

	private static final Log logger = LogFactory.getLog(RunIdMcpClientTransport.class);

	private static final TypeRef<Map<String, Object>> PARAMS = new TypeRef<>() {
	};

	private static final String META = "_meta";

	private final McpClientTransport delegate;

	/**
	 * Decorate a transport.
	 * @param delegate the transport that sends the requests
	 */
	public RunIdMcpClientTransport(McpClientTransport delegate) {
		this.delegate = delegate;
	}

	/**
	 * The decorated transport.
	 * @return the transport
	 */
	public McpClientTransport delegate() {
		return this.delegate;
	}

	@Override
	public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> handler) {
		return this.delegate.connect(handler);
	}

	@Override
	public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
		if (!(message instanceof McpSchema.JSONRPCRequest request)) {
			return this.delegate.sendMessage(message);
		}
		return Mono.deferContextual((context) -> {
			RunId runId = RunIdMcpTransportContext.runOf(null, context);
			return this.delegate.sendMessage((runId != null) ? withRun(request, runId) : request);
		});
	}

	private McpSchema.JSONRPCRequest withRun(McpSchema.JSONRPCRequest request, RunId runId) {
		Map<String, Object> params;
		try {
			params = (request.params() != null) ? new LinkedHashMap<>(unmarshalFrom(request.params(), PARAMS))
					: new LinkedHashMap<>(4);
		}
		catch (RuntimeException ex) {
			// parameters that are not a JSON object have no _meta
			if (logger.isDebugEnabled()) {
				logger.debug(
						"Sending " + request.method() + " without the run in _meta: its parameters are not an object",
						ex);
			}
			return request;
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> meta = (params.get(META) instanceof Map<?, ?> map) ? (Map<String, Object>) map : null;
		Map<String, Object> merged = RunIdMcpMeta.withRun(meta, runId);
		if (merged == meta) {
			return request;
		}
		params.put(META, merged);
		return new McpSchema.JSONRPCRequest(request.jsonrpc(), request.method(), request.id(), params);
	}

	@Override
	public void setExceptionHandler(Consumer<Throwable> handler) {
		this.delegate.setExceptionHandler(handler);
	}

	@Override
	public Mono<Void> closeGracefully() {
		return this.delegate.closeGracefully();
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	@Override
	public <T> T unmarshalFrom(Object data, TypeRef<T> typeRef) {
		return this.delegate.unmarshalFrom(data, typeRef);
	}

	@Override
	public List<String> protocolVersions() {
		return this.delegate.protocolVersions();
	}

	@Override
	public String toString() {
		return "RunIdMcpClientTransport[" + this.delegate + "]";
	}

}

package dev.runid.spring.ai;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.reactor.RunIdReactor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.prompt.ChatOptions;
import org.springframework.core.Ordered;

/**
 * {@code ChatClient} advisor that keeps a chat in the run that was current when it
 * started, for every round trip to the model. It sits just before the model
 * ({@link #ORDER}), inside Spring AI's tool-calling advisor, so that it sees each LLM
 * request of a conversation, the follow-ups after tool calls included:
 * <ul>
 * <li>it puts the run's headers into the request's per-request HTTP headers, where the
 * chat model has them (OpenAI, Anthropic), so that the request carries its own run
 * whichever thread the SDK sends it on; a header already there wins, and only allowed
 * hosts get it ({@code run-id.outbound.*});</li>
 * <li>in {@code stream()}, it subscribes to the model with the run current and delivers
 * every response with the run current, and puts the run into the Reactor {@code Context}:
 * the tool calls that Spring AI then runs on another scheduler, the advisors that see the
 * responses, and the requests of clients built on {@code WebClient} (Ollama) all see the
 * run.</li>
 * </ul>
 * In {@code call()} everything runs on the caller's thread, which has the run already.
 * The run is the current one of the thread that calls or subscribes, else the one in the
 * subscriber's Reactor {@code Context} (as the run-id {@code WebFilter} writes it).
 * Without a run the advisor does nothing. Thread-safe.
 */
public final class RunIdChatClientAdvisor implements CallAdvisor, StreamAdvisor {

	/**
	 * The order of the advisor: after every advisor at Spring AI's usual orders (tool
	 * calling, memory), before the model.
	 */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

	private final @Nullable RunIdForwarding forwarding;

	/**
	 * Create an advisor.
	 * @param forwarding what to forward and where, or {@code null} to send no headers
	 * (with {@code run-id.outbound.enabled=false})
	 */
	public RunIdChatClientAdvisor(@Nullable RunIdForwarding forwarding) {
		this.forwarding = forwarding;
	}

	@Override
	public ChatClientResponse adviseCall(ChatClientRequest chatClientRequest, CallAdvisorChain callAdvisorChain) {
		RunId runId = RunContext.current().orElse(null);
		return callAdvisorChain.nextCall((runId != null) ? withHeaders(chatClientRequest, runId) : chatClientRequest);
	}

	@Override
	public Flux<ChatClientResponse> adviseStream(ChatClientRequest chatClientRequest,
			StreamAdvisorChain streamAdvisorChain) {
		RunId current = RunContext.current().orElse(null);
		if (current != null) {
			return stream(chatClientRequest, streamAdvisorChain, current);
		}
		return Flux.deferContextual((context) -> {
			Object runId = context.getOrDefault(RunIdThreadLocalAccessor.KEY, null);
			return (runId instanceof RunId run) ? stream(chatClientRequest, streamAdvisorChain, run)
					: streamAdvisorChain.nextStream(chatClientRequest);
		});
	}

	private Flux<ChatClientResponse> stream(ChatClientRequest request, StreamAdvisorChain chain, RunId runId) {
		ChatClientRequest sent = withHeaders(request, runId);
		return RunIdReactor.restore(Flux.defer(() -> chain.nextStream(sent)), runId)
			.contextWrite((context) -> context.put(RunIdThreadLocalAccessor.KEY, runId));
	}

	private ChatClientRequest withHeaders(ChatClientRequest request, RunId runId) {
		if (this.forwarding == null) {
			return request;
		}
		ChatOptions options = request.prompt().getOptions();
		ChatOptions withRun = ChatRequestHeaders.withRun(options, runId, this.forwarding);
		if (withRun == null || withRun == options) {
			return request;
		}
		return request.mutate().prompt(request.prompt().mutate().chatOptions(withRun).build()).build();
	}

	@Override
	public String getName() {
		return "RunIdChatClientAdvisor";
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}

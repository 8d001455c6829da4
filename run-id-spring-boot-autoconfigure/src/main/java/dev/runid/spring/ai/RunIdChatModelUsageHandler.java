package dev.runid.spring.ai;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.usage.RunUsage;
import dev.runid.spring.usage.RunUsageLedger;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.jspecify.annotations.Nullable;

import org.springframework.ai.chat.metadata.Usage;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.observation.ChatModelObservationContext;

/**
 * {@link ObservationHandler} of Spring AI's chat model observations
 * ({@code gen_ai.client.operation}) that records the token usage of each chat response in
 * the {@link RunUsageLedger}, for the run that was current when the call started. It
 * works for {@code call()} and {@code stream()} and for every chat model that Spring AI
 * observes, with or without {@code ChatClient}. Needs an {@code ObservationRegistry}
 * (Boot auto-configures one, and adds this handler to it). Thread-safe.
 */
public final class RunIdChatModelUsageHandler implements ObservationHandler<ChatModelObservationContext> {

	private final RunUsageLedger ledger;

	/**
	 * Create a handler.
	 * @param ledger the ledger to record usage in
	 */
	public RunIdChatModelUsageHandler(RunUsageLedger ledger) {
		this.ledger = ledger;
	}

	@Override
	public void onStart(ChatModelObservationContext context) {
		if (context.get(RunId.class) == null) {
			RunContext.current().ifPresent((runId) -> context.put(RunId.class, runId));
		}
	}

	@Override
	public void onStop(ChatModelObservationContext context) {
		RunId runId = context.get(RunId.class);
		ChatResponse response = context.getResponse();
		if (runId == null || response == null) {
			return;
		}
		Usage usage = response.getMetadata().getUsage();
		this.ledger.record(runId,
				new RunUsage(1, tokens(usage.getPromptTokens()), tokens(usage.getCompletionTokens())));
	}

	private static long tokens(@Nullable Integer tokens) {
		return (tokens != null) ? tokens : 0;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof ChatModelObservationContext;
	}

}

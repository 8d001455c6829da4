package dev.runid.samples.reactiveagent;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * The parts of the OpenAI chat-completions API ({@code POST /v1/chat/completions}) that
 * the agent uses, shared by the client and the stub.
 */
final class ChatCompletion {

	private ChatCompletion() {
	}

	/**
	 * A chat-completion request.
	 *
	 * @param model the model
	 * @param messages the conversation so far
	 */
	record Request(String model, List<Message> messages) {
	}

	/**
	 * One message of a conversation.
	 *
	 * @param role {@code system}, {@code user} or {@code assistant}
	 * @param content the text
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Message(String role, @Nullable String content) {
	}

	/**
	 * A chat-completion response.
	 *
	 * @param choices the answers, of which the agent reads the first
	 * @param usage the tokens the request used
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Response(List<Choice> choices, @Nullable Usage usage) {
	}

	/**
	 * One answer.
	 *
	 * @param message the answer's message
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Choice(Message message) {
	}

	/**
	 * Tokens used by one request.
	 *
	 * @param promptTokens tokens of the prompt
	 * @param completionTokens tokens of the answer
	 * @param totalTokens both together
	 */
	@JsonIgnoreProperties(ignoreUnknown = true)
	record Usage(@JsonProperty("prompt_tokens") long promptTokens,
			@JsonProperty("completion_tokens") long completionTokens, @JsonProperty("total_tokens") long totalTokens) {
	}

}

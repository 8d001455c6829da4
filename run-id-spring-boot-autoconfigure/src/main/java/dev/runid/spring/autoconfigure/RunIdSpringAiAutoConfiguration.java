package dev.runid.spring.autoconfigure;

import dev.runid.spring.ai.RunIdAnthropicHttpClientCustomizer;
import dev.runid.spring.ai.RunIdChatClientAdvisor;
import dev.runid.spring.ai.RunIdChatClientBuilderCustomizer;
import dev.runid.spring.ai.RunIdChatModelUsageHandler;
import dev.runid.spring.ai.RunIdOpenAiHttpClientCustomizer;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdOkHttpInterceptor;
import dev.runid.spring.usage.RunUsageLedger;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import okhttp3.Interceptor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.ai.anthropic.http.okhttp.AnthropicHttpClientBuilderCustomizer;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientBuilderCustomizer;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.observation.ChatModelObservationContext;
import org.springframework.ai.openai.http.okhttp.OpenAiHttpClientBuilderCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration that makes Spring AI part of the run: the LLM requests of the OpenAI
 * and Anthropic models (official SDKs on OkHttp) carry the run, {@code ChatClient}s built
 * from Spring AI's builder keep every round trip, tool call and advisor of a chat in the
 * run ({@link RunIdChatClientAdvisor}), and the token usage of each chat response adds up
 * per run ({@link RunIdChatModelUsageHandler}). Models built on {@code RestClient} or
 * {@code WebClient} (Ollama) forward the run through the client customizers already.
 */
@AutoConfiguration(after = { RunIdAutoConfiguration.class, RunIdUsageAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ChatModel.class)
@ConditionalOnBooleanProperty(name = "run-id.enabled", matchIfMissing = true)
public final class RunIdSpringAiAutoConfiguration {

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Interceptor.class)
	@ConditionalOnBooleanProperty(name = "run-id.outbound.enabled", matchIfMissing = true)
	static class OkHttpConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdOkHttpInterceptor runIdOkHttpInterceptor(RunIdForwarding forwarding) {
			return new RunIdOkHttpInterceptor(forwarding);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ OpenAiHttpClientBuilderCustomizer.class, Interceptor.class })
	@ConditionalOnBooleanProperty(name = "run-id.outbound.enabled", matchIfMissing = true)
	static class OpenAiConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdOpenAiHttpClientCustomizer runIdOpenAiHttpClientCustomizer(RunIdOkHttpInterceptor interceptor) {
			return new RunIdOpenAiHttpClientCustomizer(interceptor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ AnthropicHttpClientBuilderCustomizer.class, Interceptor.class })
	@ConditionalOnBooleanProperty(name = "run-id.outbound.enabled", matchIfMissing = true)
	static class AnthropicConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdAnthropicHttpClientCustomizer runIdAnthropicHttpClientCustomizer(RunIdOkHttpInterceptor interceptor) {
			return new RunIdAnthropicHttpClientCustomizer(interceptor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ChatClient.class, ChatClientBuilderCustomizer.class })
	static class ChatClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdChatClientAdvisor runIdChatClientAdvisor(RunIdProperties properties,
				ObjectProvider<RunIdForwarding> forwarding) {
			return new RunIdChatClientAdvisor(
					properties.getOutbound().isEnabled() ? forwarding.getIfAvailable() : null);
		}

		@Bean
		@ConditionalOnMissingBean
		RunIdChatClientBuilderCustomizer runIdChatClientBuilderCustomizer(RunIdChatClientAdvisor advisor) {
			return new RunIdChatClientBuilderCustomizer(advisor);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ObservationHandler.class, ChatModelObservationContext.class })
	@ConditionalOnBean(RunUsageLedger.class)
	static class UsageConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RunIdChatModelUsageHandler runIdChatModelUsageHandler(RunUsageLedger ledger) {
			return new RunIdChatModelUsageHandler(ledger);
		}

	}

	/**
	 * Spring AI reports the usage of chat responses only through observations, and its
	 * models observe nothing without an {@link ObservationRegistry} bean (Boot's
	 * observation auto-configuration, which comes with the actuator): say so once at
	 * startup, rather than leave the user waiting for {@code run_usage} lines.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ ObservationHandler.class, ChatModelObservationContext.class })
	@ConditionalOnBean(RunUsageLedger.class)
	@ConditionalOnMissingBean(ObservationRegistry.class)
	static class UsageWithoutObservationsConfiguration {

		private static final Log logger = LogFactory.getLog(RunIdSpringAiAutoConfiguration.class);

		@Bean
		@ConditionalOnMissingBean(name = "runIdUsageWithoutObservationsNotice")
		SmartInitializingSingleton runIdUsageWithoutObservationsNotice() {
			return () -> logger.info("Spring AI token usage is not added up per run: there is no ObservationRegistry "
					+ "bean, so Spring AI's models record no observations (add spring-boot-starter-actuator or "
					+ "spring-boot-micrometer-observation)");
		}

	}

}

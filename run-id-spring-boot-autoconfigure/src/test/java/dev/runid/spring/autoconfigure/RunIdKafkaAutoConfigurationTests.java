package dev.runid.spring.autoconfigure;

import java.util.Map;

import dev.runid.spring.kafka.RunIdKafkaBatchInterceptor;
import dev.runid.spring.kafka.RunIdKafkaPostProcessor;
import dev.runid.spring.kafka.RunIdKafkaProducerInterceptor;
import dev.runid.spring.kafka.RunIdKafkaRecordInterceptor;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.DirectFieldAccessor;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.CompositeProducerInterceptor;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdKafkaAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdKafkaAutoConfiguration.class));

	@Test
	void suppliesPostProcessorByDefault() {
		this.contextRunner.run((context) -> assertThat(context).hasSingleBean(RunIdKafkaPostProcessor.class));
	}

	@Test
	void addsInterceptorsToTemplatesAndFactories() {
		this.contextRunner.withUserConfiguration(Kafka.class).run((context) -> {
			assertThat(new DirectFieldAccessor(context.getBean(KafkaTemplate.class))
				.getPropertyValue("producerInterceptor")).isInstanceOf(RunIdKafkaProducerInterceptor.class);
			ConcurrentKafkaListenerContainerFactory<?, ?> factory = context
				.getBean(ConcurrentKafkaListenerContainerFactory.class);
			assertThat(factory.getRecordInterceptor()).isInstanceOf(RunIdKafkaRecordInterceptor.class);
			assertThat(factory.getBatchInterceptor()).isInstanceOf(RunIdKafkaBatchInterceptor.class);
		});
	}

	@Test
	void keepsTheInterceptorsTheApplicationSet() {
		this.contextRunner.withUserConfiguration(KafkaWithInterceptors.class).run((context) -> {
			assertThat(new DirectFieldAccessor(context.getBean(KafkaTemplate.class))
				.getPropertyValue("producerInterceptor")).isInstanceOf(CompositeProducerInterceptor.class);
			// run-id's interceptor wraps the application's
			Object record = context.getBean(ConcurrentKafkaListenerContainerFactory.class).getRecordInterceptor();
			assertThat(record).isNotInstanceOf(UserRecordInterceptor.class)
				.isNotInstanceOf(RunIdKafkaRecordInterceptor.class);
			assertThat(new DirectFieldAccessor(record).getPropertyValue("application"))
				.isInstanceOf(UserRecordInterceptor.class);
			assertThat(new DirectFieldAccessor(record).getPropertyValue("runId"))
				.isInstanceOf(RunIdKafkaRecordInterceptor.class);
		});
	}

	@Test
	void switchedOffByMessagingProperty() {
		this.contextRunner.withPropertyValues("run-id.messaging.enabled=false")
			.withUserConfiguration(Kafka.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RunIdKafkaPostProcessor.class);
				assertThat(context.getBean(ConcurrentKafkaListenerContainerFactory.class).getRecordInterceptor())
					.isNull();
			});
	}

	@Test
	void switchedOffByEnabledProperty() {
		this.contextRunner.withPropertyValues("run-id.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdKafkaPostProcessor.class));
	}

	@Test
	void nothingWithoutSpringKafka() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.kafka"))
			.run((context) -> assertThat(context).doesNotHaveBean(RunIdKafkaPostProcessor.class));
	}

	@Test
	void nativeImageCanReadTheTemplatesInterceptor() {
		RuntimeHints hints = new RuntimeHints();
		new RunIdKafkaRuntimeHints().registerHints(hints, getClass().getClassLoader());
		assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(KafkaTemplate.class, "producerInterceptor"))
			.accepts(hints);
	}

	@Configuration(proxyBeanMethods = false)
	static class Kafka {

		@Bean
		KafkaTemplate<Object, Object> kafkaTemplate() {
			return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of()));
		}

		@Bean
		ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory() {
			return new ConcurrentKafkaListenerContainerFactory<>();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class KafkaWithInterceptors {

		@Bean
		KafkaTemplate<Object, Object> kafkaTemplate() {
			KafkaTemplate<Object, Object> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(Map.of()));
			template.setProducerInterceptor(new UserProducerInterceptor());
			return template;
		}

		@Bean
		ConcurrentKafkaListenerContainerFactory<Object, Object> kafkaListenerContainerFactory() {
			ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
			factory.setRecordInterceptor(new UserRecordInterceptor());
			return factory;
		}

	}

	static class UserProducerInterceptor implements ProducerInterceptor<Object, Object> {

		@Override
		public ProducerRecord<Object, Object> onSend(ProducerRecord<Object, Object> record) {
			return record;
		}

		@Override
		public void onAcknowledgement(RecordMetadata metadata, Exception exception) {
		}

		@Override
		public void close() {
		}

		@Override
		public void configure(Map<String, ?> configs) {
		}

	}

	static class UserRecordInterceptor implements RecordInterceptor<Object, Object> {

		@Override
		public ConsumerRecord<Object, Object> intercept(ConsumerRecord<Object, Object> record,
				Consumer<Object, Object> consumer) {
			return record;
		}

	}

}

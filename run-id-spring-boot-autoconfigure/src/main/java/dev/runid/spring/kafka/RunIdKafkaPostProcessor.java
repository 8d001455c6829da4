package dev.runid.spring.kafka;

import java.util.function.Supplier;

import dev.runid.spring.messaging.RunIdMessageListening;
import org.apache.kafka.clients.producer.ProducerInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.DirectFieldAccessor;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.config.AbstractKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchInterceptor;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.kafka.support.CompositeProducerInterceptor;

/**
 * Adds run-id's interceptors to every {@link KafkaTemplate} and listener container
 * factory in the context, next to the interceptor each already has: Boot sets a single
 * {@code ProducerInterceptor}, {@code RecordInterceptor} and {@code BatchInterceptor}
 * bean on them and offers no customizer of the template, so run-id composes with that one
 * rather than taking its place. Run-id's record and batch interceptors wrap the
 * application's, so that every hook of the application's runs in the record's run.
 */
public final class RunIdKafkaPostProcessor implements BeanPostProcessor {

	private final Supplier<String> headerName;

	private final Supplier<String> parentHeaderName;

	private final Supplier<RunIdMessageListening> listening;

	/**
	 * Create a post-processor.
	 * @param headerName the header of the run ID
	 * @param parentHeaderName the header of the parent run ID
	 * @param listening turns the run headers of a record into its run
	 */
	public RunIdKafkaPostProcessor(Supplier<String> headerName, Supplier<String> parentHeaderName,
			Supplier<RunIdMessageListening> listening) {
		this.headerName = headerName;
		this.parentHeaderName = parentHeaderName;
		this.listening = listening;
	}

	@Override
	@SuppressWarnings({ "rawtypes", "unchecked" })
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof KafkaTemplate template) {
			addTo(template);
		}
		else if (bean instanceof AbstractKafkaListenerContainerFactory factory) {
			addTo(factory);
		}
		return bean;
	}

	/**
	 * {@code KafkaTemplate} has a setter of its producer interceptor but no getter: the
	 * field is read to keep the one that is there.
	 */
	@SuppressWarnings("unchecked")
	private void addTo(KafkaTemplate<Object, Object> template) {
		ProducerInterceptor<Object, Object> ours = new RunIdKafkaProducerInterceptor<>(this.headerName.get(),
				this.parentHeaderName.get());
		Object existing = new DirectFieldAccessor(template).getPropertyValue("producerInterceptor");
		if (existing instanceof RunIdKafkaProducerInterceptor<?, ?>) {
			return;
		}
		template.setProducerInterceptor((existing instanceof ProducerInterceptor<?, ?> other)
				? new CompositeProducerInterceptor<>(ours, (ProducerInterceptor<Object, Object>) other) : ours);
	}

	private void addTo(AbstractKafkaListenerContainerFactory<?, Object, Object> factory) {
		RunIdMessageListening listening = this.listening.get();
		RecordInterceptor<Object, Object> record = factory.getRecordInterceptor();
		if (!(record instanceof RunIdKafkaRecordInterceptor<?, ?>)
				&& !(record instanceof RunFirstRecordInterceptor<?, ?>)) {
			RunIdKafkaRecordInterceptor<Object, Object> ours = new RunIdKafkaRecordInterceptor<>(listening);
			factory.setRecordInterceptor((record != null) ? new RunFirstRecordInterceptor<>(ours, record) : ours);
		}
		@Nullable BatchInterceptor<Object, Object> batch = factory.getBatchInterceptor();
		if (!(batch instanceof RunIdKafkaBatchInterceptor<?, ?>)
				&& !(batch instanceof RunFirstBatchInterceptor<?, ?>)) {
			RunIdKafkaBatchInterceptor<Object, Object> ours = new RunIdKafkaBatchInterceptor<>(listening);
			factory.setBatchInterceptor((batch != null) ? new RunFirstBatchInterceptor<>(ours, batch) : ours);
		}
	}

}

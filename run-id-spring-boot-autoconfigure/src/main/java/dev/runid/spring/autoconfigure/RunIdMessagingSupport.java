package dev.runid.spring.autoconfigure;

import java.util.Optional;

import dev.runid.RunIdGenerator;
import dev.runid.spring.messaging.RunIdMessageListening;
import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.web.RunIdInboundResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.function.SingletonSupplier;

/**
 * What the broker auto-configurations share: the listening side made from the inbound
 * settings. A message is never rejected, so an invalid run header is replaced even with
 * {@code run-id.inbound.on-invalid=reject}.
 */
final class RunIdMessagingSupport {

	private RunIdMessagingSupport() {
	}

	/**
	 * The listening side of a broker whose messages carry the run under the given names
	 * (which the warning about an invalid value names).
	 */
	static RunIdMessageListening listening(RunIdProperties properties, String name, String parentName,
			ObjectProvider<RunIdGenerator> generator, ObjectProvider<RunRecorder> recorder) {
		SingletonSupplier<RunIdInboundResolver> resolver = SingletonSupplier
			.of(() -> new RunIdInboundResolver(generator.getIfAvailable(RunIdGenerator::uuid7), name, parentName,
					properties.getInbound().getMode() == RunIdProperties.Inbound.Mode.ACCEPT, false));
		// resolved once, on the first message, and kept, also when there is none: the
		// listener path asks for it with every message
		SingletonSupplier<Optional<RunRecorder>> recorded = SingletonSupplier
			.of(() -> Optional.ofNullable(recorder.getIfAvailable()));
		return new RunIdMessageListening(resolver, () -> recorded.obtain().orElse(null));
	}

}

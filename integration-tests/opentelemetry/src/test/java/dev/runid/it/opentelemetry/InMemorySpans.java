package dev.runid.it.opentelemetry;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The spans that the OpenTelemetry starter's SDK exports, kept in memory: the test
 * application adds {@link #customizer()} as a bean, so the starter exports every ended
 * span here as well.
 */
final class InMemorySpans {

	static final AttributeKey<String> RUN_ID = AttributeKey.stringKey("run.id");

	static final AttributeKey<String> PARENT_RUN_ID = AttributeKey.stringKey("run.parent.id");

	private static final AttributeKey<String> URL_FULL = AttributeKey.stringKey("url.full");

	private final InMemorySpanExporter exporter = InMemorySpanExporter.create();

	AutoConfigurationCustomizerProvider customizer() {
		return (customizer) -> customizer.addTracerProviderCustomizer(
				(builder, config) -> builder.addSpanProcessor(SimpleSpanProcessor.create(this.exporter)));
	}

	SpanData awaitServerSpan(String traceId) {
		return await((span) -> span.getKind() == SpanKind.SERVER && span.getTraceId().equals(traceId));
	}

	SpanData awaitClientSpan(String path) {
		return await((span) -> span.getKind() == SpanKind.CLIENT
				&& String.valueOf(span.getAttributes().get(URL_FULL)).endsWith(path));
	}

	SpanData awaitSpan(String name, String traceId) {
		return await((span) -> span.getName().equals(name) && span.getTraceId().equals(traceId));
	}

	List<SpanData> finished() {
		return this.exporter.getFinishedSpanItems();
	}

	private SpanData await(Predicate<SpanData> condition) {
		try {
			return Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.exporter.getFinishedSpanItems().stream().filter(condition).findFirst().orElse(null),
						(span) -> span != null);
		}
		catch (ConditionTimeoutException ex) {
			throw new AssertionError("No such span among " + finished(), ex);
		}
	}

}

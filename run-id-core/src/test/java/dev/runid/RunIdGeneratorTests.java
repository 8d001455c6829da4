package dev.runid;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdGeneratorTests {

	private static final Pattern CANONICAL = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	@Test
	void millionGeneratedIdsHaveNoDuplicate() {
		Set<String> seen = new HashSet<>(2_000_000);
		for (int i = 0; i < 1_000_000; i++) {
			assertThat(seen.add(RunId.generate().value())).isTrue();
		}
		assertThat(seen).hasSize(1_000_000);
	}

	@Test
	void valuesOfTheBuiltInGeneratorsPassTheRuleTheyAreNotCheckedAgainst() {
		// RunId.generate does not validate these generators' values on the request path
		for (RunIdGenerator generator : List.of(RunIdGenerator.uuid7(), RunIdGenerator.uuid4())) {
			for (int i = 0; i < 100_000; i++) {
				String value = RunId.generate(generator).value();
				assertThat(RunId.isValid(value)).as(value).isTrue();
				assertThat(value).matches(CANONICAL);
			}
		}
	}

	@Test
	void millionUuid4IdsHaveNoDuplicate() {
		Set<String> seen = new HashSet<>(2_000_000);
		RunIdGenerator generator = RunIdGenerator.uuid4();
		for (int i = 0; i < 1_000_000; i++) {
			seen.add(generator.generate());
		}
		assertThat(seen).hasSize(1_000_000);
	}

	@Test
	void uuid7HasVersionVariantAndTimestamp() {
		long before = System.currentTimeMillis();
		for (int i = 0; i < 1000; i++) {
			String value = RunIdGenerator.uuid7().generate();
			assertThat(value).hasSize(36).matches(CANONICAL);
			UUID uuid = UUID.fromString(value);
			assertThat(uuid.version()).isEqualTo(7);
			assertThat(uuid.variant()).isEqualTo(2);
			assertThat(uuid.toString()).isEqualTo(value);
			long millis = uuid.getMostSignificantBits() >>> 16;
			assertThat(millis).isBetween(before, System.currentTimeMillis() + 1);
		}
	}

	@Test
	void uuid4HasVersionAndVariant() {
		for (int i = 0; i < 1000; i++) {
			String value = RunIdGenerator.uuid4().generate();
			assertThat(value).matches(CANONICAL);
			UUID uuid = UUID.fromString(value);
			assertThat(uuid.version()).isEqualTo(4);
			assertThat(uuid.variant()).isEqualTo(2);
		}
	}

	@Test
	void uuid7GeneratedInSequenceSortInGenerationOrder() {
		List<String> generated = new ArrayList<>();
		for (int i = 0; i < 100_000; i++) {
			generated.add(RunId.generate().value());
		}
		List<String> sorted = new ArrayList<>(generated);
		sorted.sort(null);
		assertThat(sorted).isEqualTo(generated);
	}

}

package dev.runid;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RunIdTests {

	static Stream<Arguments> values() {
		return Stream.of(Arguments.of("", false), Arguments.of("a", true),
				Arguments.of("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", true), Arguments.of("run_abc.DEF:1-2", true),
				Arguments.of("x".repeat(128), true), Arguments.of("x".repeat(129), false),
				Arguments.of("abc\r\nX-Injected: 1", false), Arguments.of("abc\n", false), Arguments.of("a\tb", false),
				Arguments.of("a b", false), Arguments.of(" ", false), Arguments.of("a\"b", false),
				Arguments.of("'", false), Arguments.of("<script>", false), Arguments.of("100%", false),
				Arguments.of("r\u00e9sum\u00e9", false), Arguments.of("\u65e5\u672c", false),
				Arguments.of("a\u0000b", false), Arguments.of("a,b", false), Arguments.of("a;b", false),
				Arguments.of("a/b", false), Arguments.of("y".repeat(10_000), false));
	}

	@ParameterizedTest
	@MethodSource("values")
	void fromStringAcceptsOnlyValidValues(String value, boolean valid) {
		assertThat(RunId.isValid(value)).isEqualTo(valid);
		if (valid) {
			assertThat(RunId.fromString(value).value()).isEqualTo(value);
		}
		else {
			assertThatIllegalArgumentException().isThrownBy(() -> RunId.fromString(value))
				.withMessageContaining(RunId.RULE)
				.satisfies((ex) -> {
					if (!value.isBlank()) {
						assertThat(ex.getMessage()).doesNotContain(value);
					}
					assertThat(ex.getMessage()).doesNotContain("\r", "\n", "\t", "\u0000");
					assertThat(ex.getMessage().length()).isLessThan(200);
				});
		}
	}

	@Test
	void fromStringRejectsNull() {
		assertThatIllegalArgumentException().isThrownBy(() -> RunId.fromString(null)).withMessageContaining(RunId.RULE);
	}

	@Test
	void previewEscapesAndTruncates() {
		assertThat(RunId.preview("ab\r\nc")).isEqualTo("\"ab\\u000d\\u000ac\"");
		assertThat(RunId.preview("z".repeat(10_000))).isEqualTo("\"" + "z".repeat(16) + "\"... (10000 characters)");
	}

	@Test
	void shortStringIsTheFirstEightCharacters() {
		assertThat(RunId.fromString("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b").toShortString()).isEqualTo("0190a1b2");
		assertThat(RunId.fromString("abc").toShortString()).isEqualTo("abc");
	}

	@Test
	void toStringIsTheValue() {
		assertThat(RunId.fromString("run-1")).hasToString("run-1");
	}

	@Test
	void equalityComparesTheValueOnly() {
		RunId parent = RunId.fromString("parent");
		RunId plain = RunId.fromString("run-1");
		RunId child = plain.withParent(parent);
		assertThat(child).isEqualTo(plain).hasSameHashCodeAs(plain);
		assertThat(child.parent()).contains(parent);
		assertThat(plain.parent()).isEmpty();
		assertThat(RunId.fromString("run-2")).isNotEqualTo(plain);
	}

	@Test
	void generateWithParentKeepsTheParent() {
		RunId outer = RunId.generate();
		RunId inner = RunId.generate(outer);
		assertThat(inner.parent()).containsSame(outer);
		assertThat(inner).isNotEqualTo(outer);
		assertThat(outer.parent()).isEmpty();
	}

	@Test
	void customGeneratorIsUsedAndValidated() {
		RunIdGenerator prefixed = () -> "run_" + RunIdGenerator.uuid7().generate();
		assertThat(RunId.generate(prefixed, null).value()).startsWith("run_").hasSize(40);
		RunIdGenerator broken = () -> "bad value\r\n";
		assertThatIllegalStateException().isThrownBy(() -> RunId.generate(broken, null))
			.withMessageContaining(RunId.RULE)
			.withMessageNotContaining("bad value\r\n");
	}

	@Test
	void generateWithGeneratorMakesARunWithoutParent() {
		RunId generated = RunId.generate(() -> "fixed-run");
		assertThat(generated.value()).isEqualTo("fixed-run");
		assertThat(generated.parent()).isEmpty();
		assertThatIllegalStateException().isThrownBy(() -> RunId.generate(() -> "bad value"))
			.withMessageContaining(RunId.RULE);
	}

}

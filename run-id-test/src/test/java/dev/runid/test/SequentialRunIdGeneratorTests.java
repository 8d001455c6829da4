package dev.runid.test;

import dev.runid.RunId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link SequentialRunIdGenerator}. Its reset before each Spring test is tested
 * by {@code GreetingControllerTests}.
 */
class SequentialRunIdGeneratorTests {

	@Test
	void countsFromOne() {
		SequentialRunIdGenerator generator = new SequentialRunIdGenerator();
		assertThat(RunId.generate(generator, null).value()).isEqualTo("run-1");
		assertThat(RunId.generate(generator, null).value()).isEqualTo("run-2");
	}

	@Test
	void resetStartsAgainAtOne() {
		SequentialRunIdGenerator generator = new SequentialRunIdGenerator("job-");
		generator.generate();
		generator.generate();
		generator.reset();
		assertThat(generator.generate()).isEqualTo("job-1");
	}

	@Test
	void prefixThatMakesInvalidRunIdsIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SequentialRunIdGenerator("run 1\n"))
			.withMessageContaining(RunId.RULE)
			.withMessageNotContaining("\n");
	}

}

package dev.runid.spring.registry.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ArrayLiteral}; that PostgreSQL reads every literal back as written is
 * tested against a real server in {@code JdbcRunStoreTests}.
 */
class ArrayLiteralTests {

	@Test
	void quotesEveryTextAndEscapesQuotesAndBackslashesWherever() {
		ArrayLiteral literal = new ArrayLiteral(8, 8);
		literal.add("plain");
		literal.add("");
		literal.add((String) null);
		literal.add("\"");
		literal.add("\\\\");
		literal.add("a\"b\\c\"");
		literal.add("\\start and end\"");
		literal.add("NULL");
		literal.add("x\"y\"z\\w");
		assertThat(literal.toString()).isEqualTo(
				"{\"plain\",\"\",NULL,\"\\\"\",\"\\\\\\\\\",\"a\\\"b\\\\c\\\"\",\"\\\\start and end\\\"\",\"NULL\","
						+ "\"x\\\"y\\\"z\\\\w\"}");
	}

	@Test
	void writesNumbersAndNullsBare() {
		ArrayLiteral literal = new ArrayLiteral(3, 4);
		literal.add(-1);
		literal.addNull();
		literal.add(Long.MAX_VALUE);
		assertThat(literal.toString()).isEqualTo("{-1,NULL,9223372036854775807}");
		assertThat(literal.length()).isEqualTo(literal.toString().length());
	}

	@Test
	void anEmptyArrayIsBraces() {
		assertThat(new ArrayLiteral(0, 1).toString()).isEqualTo("{}");
	}

}

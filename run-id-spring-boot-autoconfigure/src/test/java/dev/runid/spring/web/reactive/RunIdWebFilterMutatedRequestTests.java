package dev.runid.spring.web.reactive;

import java.util.concurrent.atomic.AtomicReference;

import dev.runid.RunId;
import dev.runid.RunIdGenerator;
import dev.runid.spring.web.RunIdHeaders;
import dev.runid.spring.web.RunIdInboundResolver;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link RunIdWebFilter} on a request that is not Reactor Netty's own (another
 * server's, or one that a filter before it mutated): the request is mutated to carry the
 * run, and the original is left as it was.
 */
class RunIdWebFilterMutatedRequestTests {

	private final RunIdWebFilter filter = new RunIdWebFilter(new RunIdInboundResolver(RunIdGenerator.uuid7(),
			RunIdHeaders.DEFAULT_HEADER_NAME, RunIdHeaders.DEFAULT_PARENT_HEADER_NAME, true, false), true);

	@Test
	void requestWithoutRunIdIsMutatedToCarryTheMintedRun() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/headers"));
		ServerWebExchange seen = filter(exchange);
		String runId = exchange.getResponse().getHeaders().getFirst("X-Run-Id");
		assertThat(RunId.isValid(runId)).isTrue();
		assertThat(seen.getRequest()).isNotSameAs(exchange.getRequest());
		assertThat(seen.getRequest().getHeaders().get("X-Run-Id")).containsExactly(runId);
		assertThat(seen.getRequest().getHeaders().get("X-Parent-Run-Id")).isNull();
		assertThat(exchange.getRequest().getHeaders().get("X-Run-Id")).isNull();
	}

	@Test
	void invalidRunIdAndParentAreReplacedInTheMutatedRequest() {
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/headers")
			.header("X-Run-Id", "not a valid <run>")
			.header("X-Parent-Run-Id", "parent-1"));
		ServerWebExchange seen = filter(exchange);
		String runId = exchange.getResponse().getHeaders().getFirst("X-Run-Id");
		assertThat(runId).isNotEqualTo("not a valid <run>");
		HttpHeaders headers = seen.getRequest().getHeaders();
		assertThat(headers.get("X-Run-Id")).containsExactly(runId);
		assertThat(headers.get("X-Parent-Run-Id")).isNull();
	}

	@Test
	void requestCarryingItsRunIsLeftAsItIs() {
		MockServerWebExchange exchange = MockServerWebExchange
			.from(MockServerHttpRequest.get("/headers").header("X-Run-Id", "child-2").header("X-Parent-Run-Id", "p-2"));
		ServerWebExchange seen = filter(exchange);
		assertThat(seen.getRequest()).isSameAs(exchange.getRequest());
	}

	private ServerWebExchange filter(MockServerWebExchange exchange) {
		AtomicReference<ServerWebExchange> seen = new AtomicReference<>();
		this.filter.filter(exchange, (filtered) -> {
			seen.set(filtered);
			return Mono.empty();
		}).block();
		assertThat(seen.get()).isNotNull();
		return seen.get();
	}

}

package dev.runid.spring.client;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.runid.RunId;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * What HTTP clients forward downstream: the header names, the hosts allowed to receive
 * them, and whether the run also travels as W3C baggage. Shared by the
 * {@code RestClient}, {@code RestTemplate}, {@code WebClient} and LangChain4j
 * integrations. Immutable and thread-safe.
 *
 * @param headerName the header of the run ID
 * @param parentHeaderName the header of the parent run ID
 * @param hosts the hosts allowed to receive the run
 * @param baggage whether to also send the run as the W3C baggage entry
 * {@value #BAGGAGE_KEY}
 */
public record RunIdForwarding(String headerName, String parentHeaderName, RunIdHostFilter hosts, boolean baggage) {

	/**
	 * The key of the run in the W3C {@code baggage} header.
	 */
	public static final String BAGGAGE_KEY = "run.id";

	/**
	 * Create the settings of forwarding without baggage.
	 * @param headerName the header of the run ID
	 * @param parentHeaderName the header of the parent run ID
	 * @param hosts the hosts allowed to receive the run
	 */
	public RunIdForwarding(String headerName, String parentHeaderName, RunIdHostFilter hosts) {
		this(headerName, parentHeaderName, hosts, false);
	}

	/**
	 * Add the run's headers to a request, unless the request already sets them or its
	 * host is not allowed. With {@link #baggage()}, the {@code baggage} header also gets
	 * the entry {@value #BAGGAGE_KEY} with the run the request carries, replacing one
	 * that is there already (a tracer may have copied a stale one from upstream) and
	 * keeping all other entries.
	 * @param runId the run to forward
	 * @param uri the request's URI
	 * @param headers the request's headers
	 */
	public void apply(RunId runId, URI uri, HttpHeaders headers) {
		if (!this.hosts.allows(uri.getHost())) {
			return;
		}
		// a run the request already names is the caller's choice: no parent is added to
		// it
		if (!headers.containsHeader(this.headerName)) {
			headers.set(this.headerName, runId.value());
			RunId parent = runId.parent().orElse(null);
			if (parent != null && !headers.containsHeader(this.parentHeaderName)) {
				headers.set(this.parentHeaderName, parent.value());
			}
		}
		if (this.baggage) {
			String sent = headers.getFirst(this.headerName);
			String value = RunId.isValid(sent) ? sent : runId.value();
			headers.put(RunIdBaggage.HEADER,
					RunIdBaggage.withEntry(headers.get(RunIdBaggage.HEADER), BAGGAGE_KEY, value));
		}
	}

	/**
	 * Check the run headers of a request that copies the headers of an inbound request (a
	 * gateway's route). The inbound filters have already made the inbound request's run
	 * headers those of its run, and a route's own filters may have changed them since,
	 * which wins; so a request to an allowed host is left as it is. A request to a host
	 * that is not allowed, or made outside a run, carries no run header at all: the ones
	 * it copied are removed.
	 * @param runId the run of the inbound request, or {@code null} if there is none
	 * @param uri the request's URI, or {@code null} if unknown
	 * @param headers the request's headers
	 */
	public void replace(@Nullable RunId runId, @Nullable URI uri, HttpHeaders headers) {
		if (runId == null || uri == null || !this.hosts.allows(uri.getHost())) {
			headers.remove(this.headerName);
			headers.remove(this.parentHeaderName);
		}
	}

	/**
	 * Add the run's headers to the headers of a client that does not use Spring's
	 * {@link HttpHeaders} (LangChain4j's HTTP client), with the same rules as
	 * {@link #apply(RunId, URI, HttpHeaders)}.
	 * @param runId the run to forward
	 * @param host the host of the request, or {@code null} if unknown
	 * @param headers the request's headers: a mutable map whose keys are compared
	 * ignoring case
	 */
	public void apply(RunId runId, @Nullable String host, Map<String, List<String>> headers) {
		if (!this.hosts.allows(host)) {
			return;
		}
		if (!headers.containsKey(this.headerName)) {
			headers.put(this.headerName, List.of(runId.value()));
			RunId parent = runId.parent().orElse(null);
			if (parent != null && !headers.containsKey(this.parentHeaderName)) {
				headers.put(this.parentHeaderName, List.of(parent.value()));
			}
		}
		if (this.baggage) {
			List<String> sent = headers.get(this.headerName);
			String value = (sent != null && !sent.isEmpty() && RunId.isValid(sent.get(0))) ? sent.get(0)
					: runId.value();
			headers.put(RunIdBaggage.HEADER,
					RunIdBaggage.withEntry(headers.get(RunIdBaggage.HEADER), BAGGAGE_KEY, value));
		}
	}

}

package dev.runid.spring.client;

import java.net.URI;

import dev.runid.RunId;

import org.springframework.http.HttpHeaders;

/**
 * What HTTP clients forward downstream: the header names and the hosts allowed to receive
 * them. Shared by the {@code RestClient}, {@code RestTemplate} and {@code WebClient}
 * integrations. Immutable and thread-safe.
 *
 * @param headerName the header of the run ID
 * @param parentHeaderName the header of the parent run ID
 * @param hosts the hosts allowed to receive the run
 */
public record RunIdForwarding(String headerName, String parentHeaderName, RunIdHostFilter hosts) {

	/**
	 * Add the run's headers to a request, unless the request already sets them or its
	 * host is not allowed.
	 * @param runId the run to forward
	 * @param uri the request's URI
	 * @param headers the request's headers
	 */
	public void apply(RunId runId, URI uri, HttpHeaders headers) {
		if (!this.hosts.allows(uri.getHost())) {
			return;
		}
		if (!headers.containsHeader(this.headerName)) {
			headers.set(this.headerName, runId.value());
		}
		RunId parent = runId.parent().orElse(null);
		if (parent != null && !headers.containsHeader(this.parentHeaderName)) {
			headers.set(this.parentHeaderName, parent.value());
		}
	}

}

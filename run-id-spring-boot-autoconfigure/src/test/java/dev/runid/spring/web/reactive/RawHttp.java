package dev.runid.spring.web.reactive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends HTTP/1.1 requests over a plain socket, so that header values go out as the exact
 * bytes given (ISO-8859-1), whatever they contain.
 */
final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Send a GET with extra raw header lines and read the whole response.
	 * @param port the server port
	 * @param path the path
	 * @param headerLines header lines without line ends, e.g. {@code X-Run-Id: abc}
	 * @return the response
	 */
	static Response get(int port, String path, String... headerLines) {
		try (Socket socket = open(port, path, headerLines)) {
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			in.transferTo(bytes);
			return Response.parse(bytes.toString(StandardCharsets.ISO_8859_1));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Send a GET and leave the connection open, for example to close it before the
	 * response arrives.
	 * @param port the server port
	 * @param path the path
	 * @param headerLines header lines without line ends
	 * @return the open socket
	 */
	static Socket open(int port, String path, String... headerLines) throws IOException {
		StringBuilder request = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\n");
		request.append("Host: 127.0.0.1:").append(port).append("\r\n");
		request.append("Accept: application/json\r\n");
		for (String line : headerLines) {
			request.append(line).append("\r\n");
		}
		request.append("Connection: close\r\n\r\n");
		Socket socket = new Socket("127.0.0.1", port);
		socket.setSoTimeout(20_000);
		OutputStream out = socket.getOutputStream();
		out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
		return socket;
	}

	/**
	 * A raw response.
	 *
	 * @param status the status code
	 * @param headers the headers, names in lower case
	 * @param raw the whole response text
	 */
	record Response(int status, Map<String, List<String>> headers, String raw) {

		static Response parse(String raw) {
			int end = raw.indexOf("\r\n\r\n");
			String head = (end >= 0) ? raw.substring(0, end) : raw;
			String[] lines = head.split("\r\n");
			int status = Integer.parseInt(lines[0].split(" ")[1]);
			Map<String, List<String>> headers = new LinkedHashMap<>();
			for (int i = 1; i < lines.length; i++) {
				int colon = lines[i].indexOf(':');
				if (colon > 0) {
					headers
						.computeIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
								(name) -> new ArrayList<>())
						.add(lines[i].substring(colon + 1).trim());
				}
			}
			return new Response(status, headers, raw);
		}

		List<String> header(String name) {
			return this.headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
		}

		String body() {
			int end = this.raw.indexOf("\r\n\r\n");
			return (end >= 0) ? this.raw.substring(end + 4) : "";
		}

	}

}

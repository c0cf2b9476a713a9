package io.huitong.web.idempotency;

/** What is replayed for a completed key: the first response's status, the headers that matter, and its body. */
record StoredResponse(int status, String contentType, String location, byte[] body) {
}

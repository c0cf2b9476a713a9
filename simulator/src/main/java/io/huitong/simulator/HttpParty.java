package io.huitong.simulator;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A party that speaks HTTP (the bank, the wallet operators). It shares the control API's server, under
 * its own path, so that one port serves the whole simulator's HTTP side.
 */
interface HttpParty extends Party {

    /** The path prefix the party serves, such as {@code /iso20022/}. */
    String path();

    HttpHandler handler();

    /** Called once the server is listening, with its address, before any request arrives. */
    void mounted(HttpServer server, String baseUrl);
}

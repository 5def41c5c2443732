package com.example.voice.server

import com.twilio.jwt.client.ClientCapability
import com.twilio.jwt.client.IncomingClientScope
import com.twilio.jwt.client.OutgoingClientScope
import io.ktor.application.call
import io.ktor.http.HttpStatusCode
import io.ktor.response.respondText
import io.ktor.routing.Route
import io.ktor.routing.get

/** Ktor 1.x route on twilio-java 7.x; the server side of the dispatcher handsets. */
object CapabilityTokens {
    private val accountSid: String = System.getenv("TWILIO_ACCOUNT_SID")
    private val authToken: String = System.getenv("TWILIO_AUTH_TOKEN")
    private val dispatchApp: String = System.getenv("DISPATCH_APP_SID")

    fun tokenFor(dispatcher: String, ttlSeconds: Int = 600): String =
        ClientCapability.Builder(accountSid, authToken) // capmig-expect: java-client-capability capability-mint identity=? incoming=true app=? params=unit ttl=?
            .scopes(
                listOf(
                    IncomingClientScope(dispatcher),
                    OutgoingClientScope.Builder(dispatchApp)
                        .clientName(dispatcher)
                        .params(mapOf("unit" to "north"))
                        .build(),
                ),
            )
            .ttl(ttlSeconds)
            .build()
            .toJwt()
}

fun Route.capabilityTokenRoute() {
    get("/dispatch/token/{name}") {
        val name = call.parameters["name"]
        if (name == null || !name.matches(Regex("\\w+"))) {
            call.respondText("bad name", status = HttpStatusCode.BadRequest)
            return@get
        }
        call.respondText(CapabilityTokens.tokenFor(name))
    }
}

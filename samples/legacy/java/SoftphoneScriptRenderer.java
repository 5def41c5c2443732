// A JSF-style component that writes the softphone's twilio.js 1.x script into the page itself,
// one string at a time; the token is rendered elsewhere into a hidden input. The script's
// Device.setup call only exists inside these strings.
package com.example.phone.jsf;

import java.io.IOException;
import java.io.Writer;

public class SoftphoneScriptRenderer {
    private final Writer out;

    public SoftphoneScriptRenderer(Writer out) {
        this.out = out;
    }

    public void render(String tokenFieldId, boolean debug) throws IOException {
        out.write("<script type=\"text/javascript\">\n");
        out.write("var token = document.getElementById('" + tokenFieldId + "').value;\n");
        out.write("Twilio.Device.setup(token, { debug: " + debug + " });\n"); // capmig-expect: client-twiliojs-setup-emitted capability-client
        out.write("Twilio.Device.ready(function () { document.getElementById('status').innerHTML = 'Ready'; });\n");
        out.write("</script>\n");
    }

    // Twilio.Device.setup(...) was called from a static page before this component.
    public String describe() {
        return "renders the twilio.js softphone script";
    }
}

// A documentation-style snippet pasted into an app: it uses the Java helper library's
// ClientCapability without the import line (the docs page showed the imports separately), so
// nothing in the file names the library; the builder chain ending in toJwt() identifies it.
public class ExpiringTokenSnippet {
    private static final String ACCOUNT_SID = System.getenv("ACCOUNT_SID");
    private static final String AUTH_TOKEN = System.getenv("AUTH_TOKEN");

    public static String shortLived() {
        return new ClientCapability.Builder(ACCOUNT_SID, AUTH_TOKEN).ttl(600).build().toJwt(); // capmig-expect: java-client-capability capability-mint identity=none incoming=false app=none ttl=600
    }
}

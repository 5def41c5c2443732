// A desktop softphone's backend signs its own capability token: the scopes are assembled with
// format! and concatenation, then signed HS256 with the account's auth token by a JWT crate.
// Twilio shipped no Rust helper library, so this shape is what Rust code looks like.
use chrono::{Duration, Local};
use jsonwebtoken::{encode, EncodingKey, Header};
use serde::Serialize;

#[derive(Serialize)]
struct Claims {
    iss: String,
    exp: usize,
    scope: String,
}

pub fn softphone_token(agent: &str, settings: &Settings) -> Option<String> {
    let expires = Local::now() + Duration::hours(1);
    let scope = format!(
        "scope:client:incoming?clientName={} scope:client:outgoing?appSid={}&clientName={}", // capmig-expect: hand-rolled-scope capability-mint identity=? incoming=true app=?
        agent, settings.voice_app_sid, agent
    );
    let claims = Claims { iss: settings.account_sid.clone(), exp: expires.timestamp() as usize, scope };
    let key = EncodingKey::from_secret(settings.auth_token.as_bytes());
    encode(&Header::default(), &claims, &key).ok()
}

// Rust 2021 format strings name their variables inline.
pub fn dial_out(agent: &str, app_sid: &str, auth_token: &str, account_sid: &str) -> String {
    let scope = format!("scope:client:outgoing?appSid={app_sid}&clientName={agent}"); // capmig-expect: hand-rolled-scope capability-mint identity=? incoming=false app=?
    let claims = Claims { iss: account_sid.to_string(), exp: 0, scope };
    encode(&Header::default(), &claims, &EncodingKey::from_secret(auth_token.as_ref())).unwrap_or_default()
}

// Not a capability token: the word appears in prose and in an unrelated struct.
pub struct CapabilityCache {
    scope_names: Vec<String>,
}

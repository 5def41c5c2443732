// capmig-negative: client-xamarin-device (the binding's own TCDevice interface, a Voice SDK
// call, and the old call named in a comment and a string)
// A Xamarin app already on the Twilio Voice SDK binding, plus the iOS binding definition of
// the legacy TCDevice type that its project still carries.
using Twilio.Voice.iOS;

namespace Softphone.Shared
{
    // The binding declares the type; declaring it is not a use.
    interface TCDevice
    {
        void UpdateCapabilityToken(string capabilityToken);
    }

    public class VoicePhone
    {
        public void Call(string accessToken, ICallDelegate handler)
        {
            // Was: device = new TCDevice(token, null);
            var options = new ConnectOptions(accessToken);
            TwilioVoiceSDK.Connect(options, handler);
            Log("migrated from new TCDevice(token, null)");
        }

        static void Log(string message) { }
    }
}

//
//  DebugTokenProvider.m
//  HelpdeskPhone
//
//  Lets the simulator run without the token server. DEBUG builds only -- the token
//  below was copied from a staging response and expired long ago.
//

#import "DebugTokenProvider.h"
#import "TwilioClient.h"

#ifdef DEBUG
static NSString *const kStagingCapabilityToken = @"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InNjb3BlOmNsaWVudDpvdXRnb2luZz9hcHBQYXJhbXM9bW9kZSUzRGNvbmZlcmVuY2UlMkJyb29tJmFwcFNpZD1BUDAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmJmNsaWVudE5hbWU9Y2Fyb2wgc2NvcGU6Y2xpZW50OmluY29taW5nP2NsaWVudE5hbWU9Y2Fyb2wiLCJpc3MiOiJBQzAxMjM0NTY3ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmIiwiZXhwIjoxNzAwMDAxODAwLCJuYmYiOjE3MDAwMDAwMDB9.0vvO28Xi46HnGvnb_2BSQP0KbAuPOX5Ji7sMtf6MLTI"; // capmig-expect: embedded-token embedded-token kind=capability
#endif

@implementation DebugTokenProvider

+ (NSString *)capabilityToken
{
#ifdef DEBUG
    NSString *override = [[NSUserDefaults standardUserDefaults] stringForKey:@"debug.capabilityToken"];
    return override.length > 0 ? override : kStagingCapabilityToken;
#else
    return nil;
#endif
}

+ (TCDevice *)simulatorDeviceWithDelegate:(id<TCDeviceDelegate>)delegate
{
    NSString *token = [self capabilityToken];
    if (token == nil) {
        return nil;
    }
    return [[TCDevice alloc] initWithCapabilityToken:token delegate:delegate]; // capmig-expect: client-ios-tcdevice capability-client
}

@end

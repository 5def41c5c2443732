'use strict';
// NEGATIVE SAMPLE: TaskRouter worker tokens. These are capability tokens of a different
// product (no `scope` claim) and are out of capmig's scope. Expected findings: none.
const twilio = require('twilio');

const TaskRouterCapability = twilio.jwt.taskrouter.TaskRouterCapability;
const Policy = TaskRouterCapability.Policy;
const util = twilio.jwt.taskrouter.util;

const TASKROUTER_BASE_URL = 'https://taskrouter.twilio.com';
const VERSION = 'v1';

function buildWorkerPolicy(workspaceSid, workerSid) {
  const workspaceUrl = `${TASKROUTER_BASE_URL}/${VERSION}/Workspaces/${workspaceSid}`;
  return [
    new Policy({ url: `${workspaceUrl}/Activities`, method: 'GET', allow: true }),
    new Policy({ url: `${workspaceUrl}/Tasks/**`, method: 'GET', allow: true }),
    new Policy({ url: `${workspaceUrl}/Workers/${workerSid}/Reservations/**`, method: 'POST', allow: true }),
    new Policy({ url: `${workspaceUrl}/Workers/${workerSid}`, method: 'POST', allow: true }),
  ];
}

function workerToken(workerSid) {
  const workspaceSid = process.env.TWILIO_WORKSPACE_SID;
  const capability = new TaskRouterCapability({
    accountSid: process.env.TWILIO_ACCOUNT_SID,
    authToken: process.env.TWILIO_AUTH_TOKEN,
    workspaceSid,
    channelId: workerSid,
    ttl: 3600,
  });
  buildWorkerPolicy(workspaceSid, workerSid).forEach((policy) => capability.addPolicy(policy));
  util.defaultWorkerPolicies(VERSION, workspaceSid, workerSid)
    .forEach((policy) => capability.addPolicy(policy));
  return capability.toJwt();
}

module.exports = { workerToken };

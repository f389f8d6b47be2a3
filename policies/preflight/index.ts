import { PolicyPack } from "@pulumi/policy";
import { pack } from "./pack";

new PolicyPack(pack.name, pack.args);

/** The close codes live with the rest of the wire protocol, which the client reads too. */
export { CloseCode } from "../../lib/collab-protocol";
